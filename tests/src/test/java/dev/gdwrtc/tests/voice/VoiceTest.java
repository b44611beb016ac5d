package dev.gdwrtc.tests.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voice between headless Godot processes (tests/godot/voice_peer.gd with the addon's
 * WebRTCVoiceChat, signalling through demo/lobby.gd, all in the test JVM's network namespace, no
 * sound card): what the listener's stream is fed is checked for the speaker's tone and gaps, and
 * the clicks that follow it must arrive; their mouth-to-stream latency is printed.
 */
class VoiceTest {
    static final int RATE = 48_000;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    /** A received recording: the samples, and when each batch of them reached the stream. */
    record Heard(short[] samples, long[] batchEndMs, int[] batchEnd) {
        static Heard read(Path out, String name, int from) throws IOException {
            Path pcm = out.resolve(name + "_from_" + from + ".pcm");
            assertTrue(Files.isRegularFile(pcm), name + " recorded nothing from peer " + from);
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcm)).order(ByteOrder.LITTLE_ENDIAN);
            short[] s = new short[b.remaining() / 2];
            b.asShortBuffer().get(s);
            List<String> lines = Files.readAllLines(out.resolve(name + "_from_" + from + ".times")).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
            long[] at = new long[lines.size()];
            int[] end = new int[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).split(" ");
                at[i] = Long.parseLong(f[0]);
                end[i] = Integer.parseInt(f[1]);
            }
            return new Heard(s, at, end);
        }

        /** When the batch holding sample {@code n} reached the stream (unix ms). */
        long arrival(int n) {
            int i = Arrays.binarySearch(batchEnd, n + 1);
            return batchEndMs[i >= 0 ? i : -i - 1];
        }

        /** The first sample of the batches that arrived at or after {@code ms}. */
        int firstAfter(long ms) {
            for (int i = 0; i < batchEndMs.length; i++) {
                if (batchEndMs[i] >= ms) {
                    return i == 0 ? 0 : batchEnd[i - 1];
                }
            }
            return samples.length;
        }
    }

    static List<Long> events(Path out, String name, String kind) throws IOException {
        List<Long> at = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve(name + "_events.txt"))) {
            if (l.startsWith(kind + " ")) {
                at.add(Long.parseLong(l.substring(kind.length() + 1).trim()));
            }
        }
        return at;
    }

    /** Runs the players (P0 is peer 1, P1 peer 2, ...) through the lobby; each must exit 0 with "ok". */
    static List<String> mesh(Path project, Path out, int port, List<List<String>> playerArgs) throws Exception {
        int n = playerArgs.size();
        Rig.Proc lobby = Rig.godotScript(
                "lobby",
                project,
                "lobby.gd",
                Map.of(),
                "--port",
                Integer.toString(port),
                "--peers",
                Integer.toString(n));
        assertTrue(lobby.waitFor("lobby: listening", 30), "lobby did not start:\n" + lobby.output());
        List<Rig.Proc> players = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                List<String> args = new ArrayList<>(List.of(
                        "--port",
                        Integer.toString(port),
                        "--name",
                        "P" + i,
                        "--peers",
                        Integer.toString(n),
                        "--out",
                        out.toString()));
                args.addAll(playerArgs.get(i));
                players.add(Rig.godotScript("P" + i, project, "voice_peer.gd", Map.of(), args.toArray(String[]::new)));
                assertTrue(
                        players.get(i).waitFor("I am peer " + (i + 1), 30),
                        players.get(i).output());
            }
            List<String> outs = new ArrayList<>();
            for (Rig.Proc p : players) {
                assertTrue(p.await(120), p.name + " did not finish:\n" + p.output());
                assertEquals(0, p.exitCode(), p.name + " failed:\n" + p.output());
                assertTrue(p.output().contains(p.name + ": ok"), p.output());
                outs.add(p.output());
            }
            assertTrue(lobby.await(30), "the lobby did not finish:\n" + lobby.output());
            assertEquals(0, lobby.exitCode(), lobby.output());
            return outs;
        } finally {
            players.forEach(Rig.Proc::terminate);
            lobby.terminate();
        }
    }

    @Test
    void toneAndClicksBetweenTwoGodotProcesses() throws Exception {
        Path project = Rig.project(tmp.resolve("project"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        int clicks = 10;
        List<String> outs = mesh(
                project,
                out,
                9141,
                List.of(
                        List.of("--freq", "440", "--tone", "6", "--clicks", Integer.toString(clicks), "--linger", "2"),
                        List.of(
                                "--freq",
                                "0",
                                "--tone",
                                "6",
                                "--clicks",
                                "0",
                                "--linger",
                                Integer.toString(clicks + 3))));
        assertTrue(outs.get(1).contains("P1: voice of peer 1 at 48000 Hz"), outs.get(1));
        assertTrue(outs.get(1).contains("SPEAKING 1 true"), "the listener never saw peer 1 speaking:\n" + outs.get(1));

        for (String line :
                outs.get(1).lines().filter(l -> l.startsWith("BYTES ")).toList()) {
            String[] f = line.split(" ");
            System.out.printf(
                    "voice godot: one voice stream, %.1f kbit/s received, %.1f kbit/s sent (silence) over %s s%n",
                    Long.parseLong(f[2]) * 8 / 1000.0 / Double.parseDouble(f[4]),
                    Long.parseLong(f[3]) * 8 / 1000.0 / Double.parseDouble(f[4]),
                    f[4]);
        }
        Heard h = Heard.read(out, "P1", 1);
        short[] s = h.samples();
        int last = h.batchEnd().length - 1;
        System.out.printf(
                "voice godot: %d samples reached the stream in %d ms (%.0f per second)%n",
                h.batchEnd()[last] - h.batchEnd()[0],
                h.batchEndMs()[last] - h.batchEndMs()[0],
                (h.batchEnd()[last] - h.batchEnd()[0]) * 1000.0 / (h.batchEndMs()[last] - h.batchEndMs()[0]));
        int onset = Audio.onset(s, 0, s.length, 0.05);
        assertTrue(onset >= 0, "the tone never arrived (" + s.length + " samples recorded)");
        // The tone lasts 6 s: measure from 500 ms after it began to 500 ms before it ends.
        int from = onset + RATE / 2, to = onset + 5 * RATE + RATE / 2;
        assertTrue(to <= s.length, "the recording ends early: " + s.length + " samples, tone from " + onset);
        int hz = Audio.dominant(s, from, RATE, 100, 4000, RATE);
        int hzLate = Audio.dominant(s, to - RATE, RATE, 100, 4000, RATE);
        int gap = Audio.longestGap(s, from, to, 0.05);
        System.out.printf("voice godot: tone %d Hz then %d Hz, longest gap %.1f ms%n", hz, hzLate, gap * 1000.0 / RATE);
        assertTrue(
                Math.abs(hz - 440) <= 5 && Math.abs(hzLate - 440) <= 5,
                "dominant frequency " + hz + " / " + hzLate + " Hz");
        // Gaps are measured here, asserted in VoiceCoreTest: on the shared 2-core machine a stalled
        // Godot process (the speaker generates its tone in GDScript) left 290 to 780 ms of silence
        // in 3 of about 12 runs, with the core's own path gapless (docs/voice.md).

        long toneLatency = h.arrival(onset) - events(out, "P0", "start").get(0);
        System.out.printf("voice godot: the tone's start reached the stream after %d ms%n", toneLatency);
        // Mouth to ear: when each click was due at the speaker until the listener's stream got it.
        List<Long> due = events(out, "P0", "click");
        assertEquals(clicks, due.size(), "clicks logged by the speaker");
        List<Long> latency = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (long t : due) {
            int start = h.firstAfter(t);
            int end = Math.min(s.length, h.firstAfter(t + 900)); // arrived within 900 ms (clicks are a second apart)
            int click = Audio.toneOnset(s, start, end, 2000, 0.1, RATE);
            if (click >= 0) {
                where.add(click);
                latency.add(h.arrival(click) - t);
            }
        }
        assertTrue(latency.size() >= clicks - 1, "clicks heard: " + latency.size() + " of " + clicks);
        List<Long> sorted = latency.stream().sorted().toList();
        long p50 = sorted.get(sorted.size() / 2);
        System.out.printf(
                "voice godot: mouth-to-stream latency p50 %d ms, min %d, max %d (%s; at samples %s)%n",
                p50, sorted.get(0), sorted.get(sorted.size() - 1), latency, where);
        // Measured, not asserted: on a loaded machine the receiver's jitter buffer grows its delay
        // with the scheduling jitter it sees (docs/voice.md); `make bench` reports the figure.
    }

    /**
     * Four players in a mesh, each sending its own frequency: each hears the three others on
     * separate streams, each stream with its sender's peak; P0 mutes partway and its peak leaves
     * the others' streams (how long after is printed).
     */
    @Test
    void fourPlayersHearEachOtherOnSeparateStreams() throws Exception {
        Path project = Rig.project(tmp.resolve("project"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        int[] freq = {330, 530, 730, 930};
        List<List<String>> args = new ArrayList<>();
        for (int i = 0; i < freq.length; i++) {
            List<String> a = new ArrayList<>(
                    List.of("--freq", Integer.toString(freq[i]), "--tone", "8", "--clicks", "0", "--linger", "2"));
            if (i == 0) {
                a.addAll(List.of("--mute-at", "4"));
            }
            args.add(a);
        }
        mesh(project, out, 9142, args);
        long muted = events(out, "P0", "mute").get(0);
        for (int i = 0; i < freq.length; i++) {
            for (int j = 0; j < freq.length; j++) {
                if (i == j) {
                    continue;
                }
                Heard h = Heard.read(out, "P" + i, j + 1);
                short[] s = h.samples();
                int onset = Audio.onset(s, 0, s.length, 0.05);
                assertTrue(onset >= 0 && onset + 2 * RATE <= s.length, "P" + i + " heard too little of P" + j);
                int hz = Audio.dominant(s, onset + RATE / 2, RATE, 100, 2000, RATE);
                assertTrue(
                        Math.abs(hz - freq[j]) <= 5,
                        "P" + i + "'s stream of P" + j + " peaks at " + hz + " Hz, not " + freq[j]);
                if (j == 0) {
                    // After the mute P0's stream falls silent: when did its last loud 10 ms reach the stream?
                    int lastLoud = -1;
                    for (int k = h.firstAfter(muted - 2000); k + RATE / 100 <= s.length; k += RATE / 100) {
                        if (Audio.power(s, k, RATE / 100, freq[0], RATE) >= Math.pow(0.05 * 32767 * RATE / 200, 2)) {
                            lastLoud = k;
                        }
                    }
                    assertTrue(
                            lastLoud >= 0 && lastLoud + RATE < s.length,
                            "P" + i + " still hears P0 in the last second after it muted (loud until sample " + lastLoud
                                    + " of " + s.length + ")");
                    System.out.printf(
                            "voice mesh: P%d stopped hearing P0 %d ms after it muted%n",
                            i, h.arrival(lastLoud) - muted);
                }
            }
        }
    }
}
