package dev.gdwrtc.tests.voice;

import static dev.gdwrtc.tests.CorePair.relay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.config.RtcConfigParser;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import dev.gdwrtc.core.stats.StatsDecoder;
import dev.gdwrtc.tests.Rig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Voice in the core over real webrtc-java connections (the test JVM's network namespace), without
 * Godot: the audio section appears only when asked for, and a tone pushed as the microphone
 * arrives at the other connection as that tone, without gaps. Both connections share the process's
 * microphone, so each hears the tone; echo cancellation is off (the "echo" would be the tone itself).
 */
class VoiceCoreTest {
    static final int RATE = PeerConnection.VOICE_RATE;
    static final String NO_PROCESSING = "{\"gdwrtcVoice\": {\"echoCancellation\": false, \"noiseSuppression\": false}}";
    static final String DTX =
            "{\"gdwrtcVoice\": {\"echoCancellation\": false, \"noiseSuppression\": false, \"dtx\": true}}";

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    private final List<PeerConnection> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(PeerConnection::close);
    }

    PeerConnection connection(String config) {
        PeerConnection pc = WebRtcJavaRuntime.get().newPeerConnection();
        opened.add(pc);
        assertEquals(GodotError.OK, pc.initialize(RtcConfigParser.peerConfig(config)));
        return pc;
    }

    /** The first offer a connection with one negotiated channel makes. */
    private String offer(String config) throws InterruptedException {
        PeerConnection pc = connection(config);
        assertNotNull(pc.createDataChannel("data", new ChannelConfig(true, 1, -1, -1, true, "")));
        assertEquals(GodotError.OK, pc.createOffer());
        long deadline = System.nanoTime() + 10_000_000_000L;
        String[] sdp = {null};
        while (sdp[0] == null && System.nanoTime() < deadline) {
            pc.poll(e -> {
                if (e instanceof PeerConnection.SessionDescription d) {
                    sdp[0] = d.sdp();
                }
            });
            Thread.sleep(5);
        }
        assertNotNull(sdp[0], "no offer");
        return sdp[0];
    }

    @Test
    void audioSectionOnlyWithVoice() throws Exception {
        String plain = offer("{}");
        assertFalse(plain.contains("m=audio"), plain);
        assertFalse(offer("{\"gdwrtcVoice\": false}").contains("m=audio"));
        String voice = offer("{\"gdwrtcVoice\": true}");
        assertTrue(voice.contains("m=audio") && voice.contains("opus/48000"), voice);
        assertTrue(voice.contains("m=application"), voice);
    }

    /** The bytes a connection received, from its latest stats sample. */
    static long bytesReceived(PeerConnection pc) {
        Object b = StatsDecoder.decode(pc.stats().encoded()).get("bytes_received");
        return b instanceof Number n ? n.longValue() : 0;
    }

    /** What a connected pair's silent microphone costs the receiver, over 3 s. */
    private double silentKbps(String config) throws InterruptedException {
        PeerConnection[] pair = connectedPair(config);
        Thread.sleep(1500); // a stats sample of the connected pair, and DTX's start
        long b0 = bytesReceived(pair[1]), t0 = System.nanoTime();
        Thread.sleep(3000);
        double kbps = (bytesReceived(pair[1]) - b0) * 8 / 1000.0 / ((System.nanoTime() - t0) / 1e9);
        closeAll();
        opened.clear();
        return kbps;
    }

    /**
     * With DTX a silent microphone sends a packet every 400 ms instead of 50 a second: the remote
     * descriptions a voice connection applies ask our Opus sender for it.
     */
    @Test
    void silenceCostsLittleWithDtx() throws Exception {
        double with = silentKbps(DTX), without = silentKbps(NO_PROCESSING);
        System.out.printf("voice core: silence costs %.1f kbit/s with DTX, %.1f without%n", with, without);
        assertTrue(with * 4 < without, "DTX saved little: " + with + " kbit/s against " + without);
    }

    @Test
    void badVoiceValuesNameTheKey() {
        for (String bad : new String[] {
            "\"yes\"", "[1]", "{\"bitrate\": 100}", "{\"bitrate\": 1000000}", "{\"echoCancellation\": \"no\"}",
            "{\"dtx\": \"no\"}"
        }) {
            var e = assertThrows(
                    RtcConfigParser.InvalidConfigException.class,
                    () -> RtcConfigParser.peerConfig("{\"gdwrtcVoice\": " + bad + "}"),
                    bad);
            assertTrue(
                    e.getMessage().contains("gdwrtcVoice")
                            || e.getMessage().contains("echoCancellation")
                            || e.getMessage().contains("dtx"),
                    e.getMessage());
        }
        assertEquals(
                64_000,
                RtcConfigParser.peerConfig("{\"gdwrtcVoice\": {\"bitrate\": 64000}}")
                        .voice()
                        .bitrate());
        assertFalse(RtcConfigParser.peerConfig("{\"gdwrtcVoice\": true}").voice().dtx());
        assertTrue(RtcConfigParser.peerConfig(DTX).voice().dtx());
    }

    /**
     * Timing of the core alone: 6 s of tone, then a click a second; prints when each click reached
     * the other connection after it was due (no Godot, one process). Asserts only that they arrive.
     */
    @Test
    void clickDelayWithoutGodot() throws Exception {
        PeerConnection[] pair = connectedPair();
        int toneEnd = 6 * RATE, clicks = 5;
        long[] due = new long[clicks];
        long start = System.currentTimeMillis();
        for (int k = 0; k < clicks; k++) {
            due[k] = start + (toneEnd + (k + 1L) * RATE) * 1000 / RATE;
        }
        Recording r = record(pair[1], 13, n -> {
            if (n < toneEnd) {
                return Audio.tone(440, 0.5, n, 1, RATE)[0];
            }
            int within = (n - toneEnd) % RATE, k = (n - toneEnd) / RATE;
            return k >= 1 && k <= clicks && within < RATE / 200 ? Audio.tone(2000, 0.8, within, 1, RATE)[0] : 0;
        });
        List<Long> delays = new ArrayList<>();
        for (long t : due) {
            int at = Audio.toneOnset(r.samples, r.firstAfter(t), r.firstAfter(t + 900), 2000, 0.1, RATE);
            if (at >= 0) {
                delays.add(r.arrival(at) - t);
            }
        }
        System.out.println("voice core: click delays " + delays + " ms");
        assertTrue(delays.size() >= clicks - 1, "clicks heard: " + delays);
    }

    @Test
    void toneArrivesWhole() throws Exception {
        PeerConnection[] pair = connectedPair();
        assertTrue(pair[0].hasVoice() && pair[1].hasVoice());
        // The microphone: a 440 Hz tone, 10 ms every 10 ms, as a game's audio thread would give it.
        short[] heard =
                record(pair[1], 5, n -> Audio.tone(440, 0.5, n, 1, RATE)[0]).samples();
        int n = heard.length;
        assertTrue(n > RATE * 4, "only " + n + " samples heard in 5 s");
        int onset = Audio.onset(heard, 0, n, 0.05);
        assertTrue(onset >= 0, "the tone never arrived");
        int from = onset + RATE / 2;
        assertTrue(n - from >= RATE * 2, "the tone arrived too late to measure: onset at sample " + onset);
        int hz = Audio.dominant(heard, from, RATE, 300, 2000, RATE);
        assertTrue(Math.abs(hz - 440) <= 5, "dominant frequency " + hz + " Hz");
        int gap = Audio.longestGap(heard, from, n, 0.05);
        assertTrue(gap <= RATE * 60 / 1000, "a gap of " + gap * 1000 / RATE + " ms");
        System.out.printf(
                "voice core: %d Hz, longest gap %.1f ms, onset after %d ms of pulling, %d samples in 5 s%n",
                hz, gap * 1000.0 / RATE, onset * 1000 / RATE, n);
    }

    /** Two voice connections (no processing), connected with a negotiated channel each. */
    PeerConnection[] connectedPair() throws InterruptedException {
        return connectedPair(NO_PROCESSING);
    }

    PeerConnection[] connectedPair(String config) throws InterruptedException {
        PeerConnection a = connection(config);
        PeerConnection b = connection(config);
        DataChannel ca = a.createDataChannel("data", new ChannelConfig(true, 1, -1, -1, true, ""));
        DataChannel cb = b.createDataChannel("data", new ChannelConfig(true, 1, -1, -1, true, ""));
        assertEquals(GodotError.OK, a.createOffer());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ca.readyState() != DataChannel.STATE_OPEN || cb.readyState() != DataChannel.STATE_OPEN) {
            assertTrue(System.nanoTime() < deadline, "the channels did not open");
            relay(a, b);
            relay(b, a);
            Thread.sleep(2);
        }
        return new PeerConnection[] {a, b};
    }

    /** What a connection pulled, with when each batch was pulled. */
    record Recording(short[] samples, List<long[]> batches) {
        int firstAfter(long ms) {
            int n = 0;
            for (long[] b : batches) {
                if (b[0] >= ms) {
                    return n;
                }
                n = (int) b[1];
            }
            return samples.length;
        }

        long arrival(int sample) {
            for (long[] b : batches) {
                if (b[1] > sample) {
                    return b[0];
                }
            }
            return Long.MAX_VALUE;
        }
    }

    /**
     * Pushes {@code source}'s samples as the microphone in real time (10 ms at a time, as a game's
     * frames would) for {@code seconds}, while {@code listener} pulls every 5 ms.
     */
    static Recording record(PeerConnection listener, int seconds, java.util.function.IntUnaryOperator source)
            throws Exception {
        ScheduledExecutorService mic = Executors.newSingleThreadScheduledExecutor();
        AtomicLong pushed = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        mic.scheduleAtFixedRate(
                () -> {
                    long due = (System.nanoTime() - start) * RATE / 1_000_000_000L;
                    int n = (int) (due - pushed.get());
                    if (n > 0) {
                        byte[] pcm = new byte[n * 2];
                        for (int i = 0; i < n; i++) {
                            int s = source.applyAsInt((int) pushed.get() + i);
                            pcm[2 * i] = (byte) s;
                            pcm[2 * i + 1] = (byte) (s >> 8);
                        }
                        if (WebRtcJavaRuntime.get().pushVoice(pcm, pcm.length, RATE, 1) != GodotError.OK) {
                            failures.incrementAndGet();
                        }
                        pushed.addAndGet(n);
                    }
                },
                0,
                10,
                TimeUnit.MILLISECONDS);
        short[] heard = new short[RATE * (seconds + 1)];
        List<long[]> batches = new ArrayList<>();
        int n = 0;
        byte[] buf = new byte[8192];
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try {
            while (System.nanoTime() < end && n < heard.length) {
                int got = listener.pullVoice(buf, Math.min(buf.length / 2, heard.length - n));
                for (int i = 0; i < got; i++) {
                    heard[n++] = (short) ((buf[2 * i] & 0xff) | (buf[2 * i + 1] << 8));
                }
                if (got > 0) {
                    batches.add(new long[] {System.currentTimeMillis(), n});
                }
                Thread.sleep(5);
            }
        } finally {
            mic.shutdownNow();
        }
        assertEquals(0, failures.get(), "pushes refused: " + GodotError.takeLastMessage());
        return new Recording(Arrays.copyOf(heard, n), batches);
    }
}
