package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.NativeMemory;
import dev.gdwrtc.core.WebRtcMultiplayer;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make bench`: 64-byte messages over one reliable channel between two connections in one
 * process, each way of sending measured in the same run and reported as a ratio of the baseline,
 * raw webrtc-java calling send() on the producing thread. Timings are reported, never asserted.
 */
@Tag("bench")
class Bench {
    static final int MESSAGES = 100_000;
    static final int ROUNDS = 3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    /** Messages per second and nanoseconds the producing thread spent per send. */
    record Result(double perSecond, double nsPerCall) {}

    private static Result median(List<Result> rounds) {
        double[] rate = rounds.stream().mapToDouble(Result::perSecond).sorted().toArray();
        double[] ns = rounds.stream().mapToDouble(Result::nsPerCall).sorted().toArray();
        return new Result(rate[rate.length / 2], ns[ns.length / 2]);
    }

    // --- baseline: webrtc-java itself --------------------------------------------------------

    /** Two raw webrtc-java connections with one negotiated reliable channel, signalled in-process. */
    static final class RawPair {
        final PeerConnectionFactory factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
        final RTCPeerConnection[] pcs = new RTCPeerConnection[2];
        final RTCDataChannel[] channels = new RTCDataChannel[2];
        final AtomicInteger received = new AtomicInteger();
        final CountDownLatch open = new CountDownLatch(2);

        RawPair() throws Exception {
            for (int i = 0; i < 2; i++) {
                int other = 1 - i;
                pcs[i] = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
                    @Override
                    public void onIceCandidate(RTCIceCandidate c) {
                        pcs[other].addIceCandidate(c);
                    }
                });
                RTCDataChannelInit init = new RTCDataChannelInit();
                init.negotiated = true;
                init.id = 1;
                channels[i] = pcs[i].createDataChannel("bench", init);
                RTCDataChannel ch = channels[i];
                ch.registerObserver(new RTCDataChannelObserver() {
                    @Override
                    public void onBufferedAmountChange(long previous) {}

                    @Override
                    public void onStateChange() {
                        if (ch.getState() == RTCDataChannelState.OPEN) {
                            open.countDown();
                        }
                    }

                    @Override
                    public void onMessage(RTCDataChannelBuffer buffer) {
                        received.incrementAndGet();
                    }
                });
            }
            CountDownLatch signalled = new CountDownLatch(1);
            pcs[0].createOffer(new RTCOfferOptions(), new Described(0, () -> pcs[1].createAnswer(new RTCAnswerOptions(), new Described(1, signalled::countDown))));
            assertTrue(signalled.await(10, TimeUnit.SECONDS));
            assertTrue(open.await(20, TimeUnit.SECONDS), "raw channels did not open");
        }

        /** Applies a description locally and remotely, then continues. */
        final class Described implements CreateSessionDescriptionObserver {
            final int from;
            final Runnable then;

            Described(int from, Runnable then) {
                this.from = from;
                this.then = then;
            }

            @Override
            public void onSuccess(RTCSessionDescription d) {
                pcs[from].setLocalDescription(d, new Ignore(null));
                pcs[1 - from].setRemoteDescription(d, new Ignore(then));
            }

            @Override
            public void onFailure(String error) {
                throw new IllegalStateException(error);
            }
        }

        record Ignore(Runnable then) implements SetSessionDescriptionObserver {
            @Override
            public void onSuccess() {
                if (then != null) {
                    then.run();
                }
            }

            @Override
            public void onFailure(String error) {
                throw new IllegalStateException(error);
            }
        }

        Result run() throws Exception {
            ByteBuffer payload = ByteBuffer.allocateDirect(64);
            java.util.function.IntUnaryOperator send = i -> {
                while (channels[0].getBufferedAmount() > 4 << 20) {
                    Thread.onSpinWait(); // stay below libwebrtc's own queue limit
                }
                try {
                    channels[0].send(new RTCDataChannelBuffer(payload.duplicate(), true));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return GodotError.OK;
            };
            IntSupplier drain = () -> received.getAndSet(0);
            return new Result(throughput(send, drain), burstCost(send, drain));
        }

        void close() {
            for (RTCPeerConnection pc : pcs) {
                pc.close();
            }
        }
    }

    // --- the core ----------------------------------------------------------------------------

    private static void connect(PeerConnection a, PeerConnection b, IntSupplier ready) throws Exception {
        a.createOffer();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (ready.getAsInt() == 0) {
            assertTrue(System.nanoTime() < deadline, "did not connect");
            for (PeerConnection[] p : new PeerConnection[][] {{a, b}, {b, a}}) {
                PeerConnection from = p[0], to = p[1];
                from.poll(e -> {
                    if (e instanceof PeerConnection.SessionDescription d) {
                        from.setLocalDescription(d.type(), d.sdp());
                        to.setRemoteDescription(d.type(), d.sdp());
                    } else if (e instanceof PeerConnection.IceCandidate c) {
                        to.addIceCandidate(c.media(), c.index(), c.name());
                    }
                });
            }
            Thread.sleep(2);
        }
    }

    /** Messages per second: sends through `put`, retrying on ERR_BUSY, until all were received. */
    static double throughput(java.util.function.IntUnaryOperator put, IntSupplier drain) {
        long start = System.nanoTime(), progress = start;
        int sent = 0, received = 0;
        while (received < MESSAGES) {
            while (sent < MESSAGES) {
                int err = put.applyAsInt(sent);
                if (err == GodotError.ERR_BUSY) {
                    break;
                }
                assertEquals(GodotError.OK, err);
                sent++;
            }
            int got = drain.getAsInt();
            received += got;
            long now = System.nanoTime();
            progress = got > 0 ? now : progress;
            assertTrue(now - progress < STALL_NANOS, "nothing received for 30 s after " + received + " of " + MESSAGES
                    + " messages: " + GodotError.takeLastMessage());
        }
        return MESSAGES / ((System.nanoTime() - start) / 1e9);
    }

    static final int BURST = 500; // well under the send queue's 1024 packets
    /** A bench that stops receiving fails rather than spin (a closed connection never delivers). */
    static final long STALL_NANOS = 30_000_000_000L;

    /**
     * How long the calling thread is held per send: bursts of BURST sends, each timed as a whole
     * and followed by a full drain, so the figure is the call's own cost and not time spent
     * preempted while the network threads work. Median of the bursts' averages.
     */
    static double burstCost(java.util.function.IntUnaryOperator put, IntSupplier drain) {
        double[] perCall = new double[40];
        for (int b = 0; b < perCall.length; b++) {
            long t = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                assertEquals(GodotError.OK, put.applyAsInt(i));
            }
            perCall[b] = (System.nanoTime() - t) / (double) BURST;
            long since = System.nanoTime();
            for (int got = 0; got < BURST; ) {
                got += drain.getAsInt();
                assertTrue(System.nanoTime() - since < STALL_NANOS, "a burst was not received within 30 s");
            }
        }
        Arrays.sort(perCall);
        return perCall[perCall.length / 2];
    }

    private static Result measure(java.util.function.IntUnaryOperator put, IntSupplier drain) {
        return new Result(throughput(put, drain), burstCost(put, drain));
    }

    private Result coreChannel() throws Exception {
        PeerConnection a = WebRtcJavaRuntime.get().newPeerConnection(), b = WebRtcJavaRuntime.get().newPeerConnection();
        DataChannel ca = a.createDataChannel("bench", ChannelConfig.negotiated(1, true, -1));
        DataChannel cb = b.createDataChannel("bench", ChannelConfig.negotiated(1, true, -1));
        connect(a, b, () -> ca.readyState() == DataChannel.STATE_OPEN && cb.readyState() == DataChannel.STATE_OPEN ? 1 : 0);
        byte[] payload = new byte[64], sink = new byte[64];
        List<Result> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            rounds.add(measure(i -> ca.putPacket(payload, 0, 64), () -> {
                int n = 0;
                while (cb.getPacket(sink, 0, 64) >= 0) {
                    n++;
                }
                return n;
            }));
        }
        a.close();
        b.close();
        return median(rounds);
    }

    private Result multiplayerPeer() throws Exception {
        WebRtcMultiplayer one = new WebRtcMultiplayer(), two = new WebRtcMultiplayer();
        one.createMesh(1, new int[0]);
        two.createMesh(2, new int[0]);
        PeerConnection a = WebRtcJavaRuntime.get().newPeerConnection(), b = WebRtcJavaRuntime.get().newPeerConnection();
        one.addPeer(a, 2, 1);
        two.addPeer(b, 1, 1);
        connect(a, b, () -> {
            one.poll();
            two.poll();
            return one.peerConnected(2) && two.peerConnected(1) ? 1 : 0;
        });
        one.takeEvents();
        two.takeEvents();
        one.setTransferMode(WebRtcMultiplayer.TRANSFER_MODE_RELIABLE);
        one.setTargetPeer(2);
        // Native memory, as the C ABI passes packets to the multiplayer peer.
        long payload = NativeMemory.allocate(64), sink = NativeMemory.allocate(1200);
        List<Result> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            rounds.add(measure(i -> one.putPacket(payload, 64), () -> {
                two.poll();
                int n = 0;
                while (two.availablePacketCount() > 0 && two.getPacket(sink, 1200) >= 0) {
                    n++;
                }
                return n;
            }));
        }
        one.close();
        two.close();
        NativeMemory.free(payload);
        NativeMemory.free(sink);
        return median(rounds);
    }

    private Result godot() throws Exception {
        Path project = Rig.project(tmp);
        List<Result> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            Rig.Proc p = Rig.godotScript("bench-godot", project, "bench.gd", Map.of(), "--messages", Integer.toString(MESSAGES));
            assertTrue(p.await(120), "bench.gd did not finish");
            String line = p.output().lines().filter(l -> l.startsWith("bench: godot ")).findFirst().orElseThrow(
                    () -> new AssertionError("bench.gd printed no result:\n" + p.output()));
            String[] f = line.split(" ");
            rounds.add(new Result(Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
        return median(rounds);
    }

    @Test
    void throughputAgainstRawWebrtcJava() throws Exception {
        RawPair raw = new RawPair();
        List<Result> baselineRounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            baselineRounds.add(raw.run());
        }
        raw.close();
        Result baseline = median(baselineRounds);
        Result core = coreChannel();
        Result mp = multiplayerPeer();
        Result gd = godot();

        System.out.printf("%nbench: %d messages of 64 bytes, one reliable channel, median of %d rounds%n", MESSAGES, ROUNDS);
        System.out.printf("%-44s %12s %8s %16s %9s%n", "path", "msgs/s", "ratio", "ns/send (caller)", "ratio");
        for (Object[] row : Arrays.asList(
                new Object[] {"baseline: webrtc-java send() on caller", baseline},
                new Object[] {"core DataChannel.putPacket (sender thread)", core},
                new Object[] {"core WebRtcMultiplayer.putPacket", mp},
                new Object[] {"Godot: GDScript put_packet via the addon", gd})) {
            Result x = (Result) row[1];
            System.out.printf("%-44s %12.0f %7.2fx %16.0f %8.4fx%n", row[0], x.perSecond(), x.perSecond() / baseline.perSecond(),
                    x.nsPerCall(), x.nsPerCall() / baseline.nsPerCall());
        }
    }

    // --- start and memory: Godot with the addon against Godot alone ---------------------------

    static final int PAIRS = 8;

    /** What one run of tests/bench/startup.gd printed, by key ("script_usec", "rss_kib"...). */
    private static Map<String, Long> startup(String name, Path project, int pairs) throws Exception {
        return startup(Rig.godot(), name, project, pairs, 120);
    }

    /** The same with another Godot (the arm64 one, Arm64Bench), waiting at most {@code seconds}. */
    static Map<String, Long> startup(List<String> godot, String name, Path project, int pairs, long seconds) throws Exception {
        Rig.Proc p = Rig.godotScript(godot, name, project, "startup.gd", Map.of(), "--pairs", Integer.toString(pairs));
        assertTrue(p.await(seconds), "startup.gd did not finish");
        assertEquals(0, p.exitCode(), p.output());
        Map<String, Long> got = new java.util.HashMap<>();
        p.output().lines().filter(l -> l.startsWith("startup: ")).forEach(l -> {
            String[] f = l.substring(9).split(" ");
            for (int i = 0; i + 1 < f.length; i += 2) {
                got.put(f[i], Long.parseLong(f[i + 1]));
            }
        });
        return got;
    }

    private static double medianOf(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }

    /** A project for tests/bench/startup.gd in {@code dir}, with the built addon or without. */
    static Path startupProject(Path dir, boolean withAddon) throws Exception {
        Path startup = Rig.ROOT.resolve("tests/bench/startup.gd");
        Path project = Files.createDirectories(dir);
        if (withAddon) {
            Rig.project(project);
        } else {
            Files.copy(Rig.ROOT.resolve("tests/godot/project.godot"), project.resolve("project.godot"));
            Files.copy(Rig.ROOT.resolve("demo/args.gd"), project.resolve("args.gd"));
        }
        Files.copy(startup, project.resolve("startup.gd"));
        Files.copy(Rig.ROOT.resolve("tests/bench/proc_status.gd"), project.resolve("proc_status.gd")); // startup.gd's helper
        return project;
    }

    @Test
    void startAndMemoryAgainstGodotAlone() throws Exception {
        Path with = startupProject(tmp.resolve("with"), true);
        Path alone = startupProject(tmp.resolve("alone"), false);
        List<Double> start = new ArrayList<>(), ready = new ArrayList<>(), idle = new ArrayList<>(), perPeer = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            Map<String, Long> a = startup("startup-alone", alone, 0);
            Map<String, Long> w = startup("startup-addon", with, PAIRS);
            assertEquals(0L, w.get("err"), "initialize failed");
            start.add((w.get("script_usec") - a.get("script_usec")) / 1000.0);
            ready.add(w.get("ready_usec") / 1000.0);
            idle.add((w.get("idle_rss_kib") - a.get("idle_rss_kib")) / 1024.0);
            perPeer.add((w.get("rss_kib") - w.get("idle_rss_kib")) / 1024.0 / w.get("peers"));
        }
        System.out.printf("%nbench: start and memory, Godot with the addon against Godot alone, median of %d rounds%n", ROUNDS);
        System.out.printf("%-44s %12s %10s %10s%n", "start/memory", "now", "budget", "before");
        System.out.printf("%-44s %9.0f ms %7s ms %7s ms%n", "start: extension start added to Godot's", medianOf(start), "<=120", "425");
        System.out.printf("%-44s %9.0f ms %7s ms %7s ms%n", "start: first connection object ready after", medianOf(ready), "<=60", "300");
        System.out.printf("%-44s %8.1f MiB %6s MiB %6s MiB%n", "memory: idle process RSS added", medianOf(idle), "<=40", "56");
        System.out.printf("%-44s %8.2f MiB %6s MiB %7s%n", "memory: RSS per connected peer (" + 2 * PAIRS + ")", medianOf(perPeer), "<=2", "-");
    }
}
