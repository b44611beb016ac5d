package dev.gdwrtc.lobby;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lobbies in Redis, shared by every node given the same server and prefix. Each operation is one
 * Lua script (atomic); its deliveries are published on the channel of the node of each peer, which
 * hands them to its sink in the order the scripts ran.
 * Every node keeps a key alive with a short TTL; when one's key expires (the process died) another
 * node takes its peers out of their lobbies, telling everyone, within {@link #NODE_TTL_MS} plus a
 * sweep.
 */
final class RedisStore implements LobbyStore {
    /** A node whose heartbeat key is older than this is dead (announced within 5 s, with the sweep). */
    static final long NODE_TTL_MS = 3000;

    static final long HEARTBEAT_MS = 500;

    /** A draw of ids or names that collide this many times in a row means something is wrong. */
    private static final int MAX_DRAWS = 8;

    private static final Logger log = LoggerFactory.getLogger(RedisStore.class);
    private static final String[] NO_KEYS = new String[0];
    private static final List<String> SCRIPTS = List.of("join", "leave", "seal", "relay", "sealexpired");

    private final String uri;
    private final String prefix;
    private final String node;
    private final Limits limits;
    private final SharedLoops loops;
    private final Names names = new Names();
    private final Map<String, String> text = new HashMap<>();
    private final Map<String, String> sha = new HashMap<>();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "lobby-redis-heartbeat"));
    private ClientResources resources;
    private ClientResources beatResources;
    private RedisClient client;
    private RedisClient beatClient;
    private StatefulRedisConnection<String, String> connection;
    /** Heartbeats and sweeps on a connection of their own, never queued behind a relay backlog. */
    private StatefulRedisConnection<String, String> beats;
    private Runnable evicted;
    private StatefulRedisPubSubConnection<String, String> pubsub;
    private RedisAsyncCommands<String, String> redis;
    private Consumer<Delivery> sink;
    private volatile long lobbies;
    private volatile long lastBeat;

    RedisStore(String uri, String prefix, String node, Limits limits, SharedLoops loops) {
        this.uri = uri;
        this.prefix = prefix;
        this.node = node;
        this.limits = limits;
        this.loops = loops;
    }

    @Override
    public void start(Consumer<Delivery> sink, Runnable evicted) {
        this.sink = sink;
        this.evicted = evicted;
        // Relays and deliveries on the WebSocket port's loops (SharedLoops); heartbeats on a
        // thread of their own, so a loop busy with a burst never makes the others take this node
        // for dead.
        resources = resources(DefaultClientResources.builder().eventLoopGroupProvider(loops));
        beatResources = resources(DefaultClientResources.builder().ioThreadPoolSize(1));
        client = RedisClient.create(resources, uri);
        beatClient = RedisClient.create(beatResources, uri);
        connection = client.connect();
        beats = beatClient.connect();
        redis = connection.async();
        for (String s : SCRIPTS) {
            text.put(s, LuaScripts.text(s));
            sha.put(s, connection.sync().scriptLoad(text.get(s)));
        }
        pubsub = client.connectPubSub();
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                sink.accept(Delivery.decode(message));
            }
        });
        pubsub.sync().subscribe(prefix + "node:" + node);
        beat();
        timer.scheduleWithFixedDelay(this::beatAndSweep, HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
        log.atInfo().addKeyValue("node", node).addKeyValue("redis", client.toString()).log("joined the cluster");
    }

    /**
     * Lettuce's own per-command latency tracking is on whenever HdrHistogram and LatencyUtils are
     * on the class path (Micrometer brings both): a histogram update per relay and pause-detector
     * threads, for figures nothing reads (Metrics has the relay's own). Off.
     */
    private static ClientResources resources(DefaultClientResources.Builder builder) {
        return builder.commandLatencyRecorder(CommandLatencyRecorder.disabled()).build();
    }

    private void beat() {
        RedisCommands<String, String> sync = beats.sync();
        sync.set(prefix + "alive:" + node, "1", SetArgs.Builder.px(NODE_TTL_MS));
        if (sync.del(prefix + "reap:" + node) > 0) {
            // Stalled past the TTL: the others released our peers; their connections must go too.
            log.atError().addKeyValue("node", node).log("taken for dead by the other nodes: closing every connection");
            evicted.run();
        }
        sync.sadd(prefix + "nodes", node);
        lobbies = sync.hlen(prefix + "lobbies");
        lastBeat = System.nanoTime();
    }

    private void beatAndSweep() {
        try {
            beat();
            for (String other : beats.sync().smembers(prefix + "nodes")) {
                if (!other.equals(node) && beats.sync().exists(prefix + "alive:" + other) == 0) {
                    reap(other);
                }
            }
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("error", e.toString()).log("heartbeat failed");
        }
    }

    /** Takes a dead node's peers out of their lobbies; one node does it (the claim key). */
    private void reap(String dead) {
        RedisCommands<String, String> sync = beats.sync();
        if (!"OK".equals(sync.set(prefix + "reap:" + dead, node, SetArgs.Builder.nx().px(10 * NODE_TTL_MS)))) {
            return;
        }
        var peers = sync.smembers(prefix + "node:" + dead + ":peers");
        log.atWarn().addKeyValue("node", dead).addKeyValue("peers", peers.size()).log("node died, releasing its peers");
        for (String id : peers) {
            call("leave", id, dead).toCompletableFuture().join();
        }
        sync.del(prefix + "node:" + dead + ":peers");
        sync.srem(prefix + "nodes", dead);
    }

    private CompletionStage<Void> call(String script, String... args) {
        String[] argv = new String[args.length + 2];
        argv[0] = prefix;
        argv[1] = node;
        System.arraycopy(args, 0, argv, 2, args.length);
        CompletionStage<List<Object>> answer = redis.<List<Object>>evalsha(sha.get(script), ScriptOutputType.MULTI, NO_KEYS, argv)
                .exceptionallyCompose(e -> e instanceof RedisNoScriptException || e.getCause() instanceof RedisNoScriptException
                        ? redis.<List<Object>>eval(text.get(script), ScriptOutputType.MULTI, NO_KEYS, argv)
                        : CompletableFuture.failedFuture(e));
        return answer.thenAccept(RedisStore::check);
    }

    private static final class Retry extends RuntimeException {
        Retry() {
            super("retry", null, false, false);
        }
    }

    private static void check(List<Object> answer) {
        String status = (String) answer.get(0);
        switch (status) {
            case "ok" -> {}
            case "err" -> throw new ProtocolError(LuaScripts.reason((String) answer.get(1)));
            case "retry" -> throw new Retry();
            default -> throw new IllegalStateException("script answered " + answer);
        }
    }

    @Override
    public CompletionStage<Void> join(Member m, String lobby, boolean mesh) {
        return join(m, lobby, mesh, MAX_DRAWS);
    }

    private CompletionStage<Void> join(Member m, String lobby, boolean mesh, int draws) {
        long id = names.peerId();
        m.assign(id);
        boolean create = lobby.isEmpty();
        String name = create ? names.lobbyName() : lobby;
        return call("join", Long.toString(id), name, create ? "1" : "0", mesh ? "1" : "0", m.address(),
                        Integer.toString(limits.maxLobbies()), Integer.toString(limits.maxLobbiesPerAddress()),
                        Integer.toString(limits.maxLobbyPeers()))
                .thenRun(() -> m.joined(name))
                .exceptionallyCompose(e -> unwrap(e) instanceof Retry && draws > 1
                        ? join(m, lobby, mesh, draws - 1)
                        : CompletableFuture.failedFuture(unwrap(e)));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @Override
    public CompletionStage<Void> leave(Member m) {
        return m.joined() ? call("leave", Long.toString(m.id()), node) : CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> seal(Member m) {
        return call("seal", Long.toString(m.id()));
    }

    @Override
    public CompletionStage<Void> relay(Member m, int type, long dest, String data) {
        return call("relay", Long.toString(m.id()), Integer.toString(type), Long.toString(dest), data);
    }

    @Override
    public CompletionStage<Void> sealExpired(String lobby) {
        return call("sealexpired", lobby);
    }

    @Override
    public long lobbyCount() {
        return lobbies;
    }

    @Override
    public boolean healthy() {
        return connection != null && connection.isOpen() && System.nanoTime() - lastBeat < NODE_TTL_MS * 1_000_000L;
    }

    /** A clean stop: this node's key goes at once (its peers left already, as their connections closed). */
    @Override
    public void close() {
        timer.shutdownNow();
        if (connection != null) {
            try {
                beats.sync().del(prefix + "alive:" + node);
                beats.sync().srem(prefix + "nodes", node);
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("error", e.toString()).log("could not leave the cluster cleanly");
            }
            pubsub.close();
            beats.close();
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            beatClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            beatResources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
