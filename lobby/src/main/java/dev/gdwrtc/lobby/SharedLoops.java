package dev.gdwrtc.lobby;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce's connections on the WebSocket port's own event loops (the server owns and stops them):
 * a relay whose connection shares a loop with the Redis connection goes to Redis and comes back
 * from it without a hand-over to another thread, and a 2-core node runs 2 busy threads, not 4.
 */
final class SharedLoops implements EventLoopGroupProvider {
    private final EventLoopGroup group;
    private final int threads;

    SharedLoops(EventLoopGroup group, int threads) {
        this.group = group;
        this.threads = threads;
    }

    /** Any transport class Lettuce asks for gets the server's loops (NIO, as Lettuce uses without a native transport). */
    @Override
    @SuppressWarnings("unchecked")
    public <T extends EventLoopGroup> T allocate(Class<T> type) {
        return (T) group;
    }

    @Override
    public int threadPoolSize() {
        return threads;
    }

    @Override
    public Future<Boolean> release(EventExecutorGroup eventLoopGroup, long quietPeriod, long timeout, TimeUnit unit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }

    @Override
    public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit timeUnit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }
}
