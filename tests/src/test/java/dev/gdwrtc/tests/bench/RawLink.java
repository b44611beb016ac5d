package dev.gdwrtc.tests.bench;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: two raw webrtc-java connections in this JVM with one negotiated channel, the
 * producer calling {@code send()} on its own thread. Side b counts what arrives, or echoes it.
 */
final class RawLink implements AutoCloseable {
    private static PeerConnectionFactory factory;

    final RTCPeerConnection a;
    final RTCPeerConnection b;
    final RTCDataChannel ca;
    final RTCDataChannel cb;
    final AtomicLong receivedOnB = new AtomicLong();
    /** nanoTime of the last message that came back to a (echo mode). */
    final AtomicLong lastEchoAt = new AtomicLong();
    private final boolean echo;
    private final CountDownLatch open = new CountDownLatch(2);

    static synchronized PeerConnectionFactory factory() {
        if (factory == null) {
            factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
        }
        return factory;
    }

    RawLink(boolean reliable, boolean echo) throws Exception {
        this.echo = echo;
        RTCPeerConnection[] pcs = new RTCPeerConnection[2];
        for (int i = 0; i < 2; i++) {
            int other = 1 - i;
            pcs[i] = factory().createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
                @Override
                public void onIceCandidate(RTCIceCandidate c) {
                    pcs[other].addIceCandidate(c);
                }
            });
        }
        a = pcs[0];
        b = pcs[1];
        RTCDataChannelInit init = new RTCDataChannelInit();
        init.negotiated = true;
        init.id = 1;
        if (!reliable) {
            init.ordered = false;
            init.maxRetransmits = 0;
        }
        ca = a.createDataChannel("raw", init);
        cb = b.createDataChannel("raw", init);
        ca.registerObserver(observer(ca, () -> lastEchoAt.set(System.nanoTime()), null));
        cb.registerObserver(observer(cb, receivedOnB::incrementAndGet, cb));
        CompletableFuture<Void> signalled = new CompletableFuture<>();
        a.createOffer(new RTCOfferOptions(), described(a, b, () ->
                b.createAnswer(new RTCAnswerOptions(), described(b, a, () -> signalled.complete(null), signalled)), signalled));
        signalled.get(20, TimeUnit.SECONDS);
        if (!open.await(30, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException("raw channels did not open");
        }
    }

    private RTCDataChannelObserver observer(RTCDataChannel ch, Runnable onMessage, RTCDataChannel echoOn) {
        return new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previous) {}

            @Override
            public void onStateChange() {
                if (ch.getState() == RTCDataChannelState.OPEN) {
                    open.countDown();
                }
            }

            @Override
            public void onMessage(RTCDataChannelBuffer m) {
                onMessage.run();
                if (echo && echoOn != null) {
                    try {
                        ByteBuffer copy = ByteBuffer.allocateDirect(m.data.remaining()).put(m.data).flip();
                        echoOn.send(new RTCDataChannelBuffer(copy, m.binary));
                    } catch (Throwable t) {
                        // an exception here would abort the process (webrtc-java rethrows it in C++)
                    }
                }
            }
        };
    }

    private static CreateSessionDescriptionObserver described(RTCPeerConnection local, RTCPeerConnection remote, Runnable then,
                                                              CompletableFuture<Void> failure) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription d) {
                local.setLocalDescription(d, applied(null, failure));
                remote.setRemoteDescription(d, applied(then, failure));
            }

            @Override
            public void onFailure(String error) {
                failure.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static SetSessionDescriptionObserver applied(Runnable then, CompletableFuture<Void> failure) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                if (then != null) {
                    then.run();
                }
            }

            @Override
            public void onFailure(String error) {
                failure.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    /** Sends {@code payload} (a direct buffer) from the calling thread, below libwebrtc's queue limit. */
    void send(ByteBuffer payload) {
        while (ca.getBufferedAmount() > 4 << 20) {
            Thread.onSpinWait();
        }
        try {
            ca.send(new RTCDataChannelBuffer(payload.duplicate(), true));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
