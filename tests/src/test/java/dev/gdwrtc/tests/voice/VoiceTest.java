package dev.gdwrtc.tests.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    static final int RATE = Heard.RATE;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

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
        int last = h.batchEnd().length - 1;
        System.out.printf(
                "voice godot: %d samples reached the stream in %d ms (%.0f per second)%n",
                h.batchEnd()[last] - h.batchEnd()[0],
                h.batchEndMs()[last] - h.batchEndMs()[0],
                (h.batchEnd()[last] - h.batchEnd()[0]) * 1000.0 / (h.batchEndMs()[last] - h.batchEndMs()[0]));
        // Gaps are printed, asserted in VoiceCoreTest: on the shared 2-core machine a stalled Godot
        // process (the speaker generates its tone in GDScript) left 290 to 780 ms of silence in 3
        // of about 12 runs, with the core's own path gapless (docs/voice.md).
        int onset = h.assertTone(440, 6, 0, "voice godot");
        long toneLatency = h.arrival(onset) - events(out, "P0", "start").get(0);
        System.out.printf("voice godot: the tone's start reached the stream after %d ms%n", toneLatency);
        // Mouth to ear: when each click was due at the speaker until the listener's stream got it.
        List<Long> due = events(out, "P0", "click");
        assertEquals(clicks, due.size(), "clicks logged by the speaker");
        List<Long> latency = h.clickLatencies(due, "voice godot");
        assertTrue(latency.size() >= clicks - 1, "clicks heard: " + latency.size() + " of " + clicks);
        // Measured, not asserted: on a loaded machine the receiver's jitter buffer grows its delay
        // with the scheduling jitter it sees (docs/voice.md); `make bench` reports the figure.
    }

    /** What espeak-ng says as P0's microphone in {@link #speechBetweenTwoGodotProcesses}: about 7 s. */
    static final String SPEECH = "Voice chat in Godot travels over WebRTC. The quick brown fox jumps over the lazy dog,"
            + " and every player hears it.";
    /** How long the listener of that test records (its own timeline: silence, then a second and a linger). */
    static final int LISTEN_S = 10;

    /**
     * Speech instead of a tone: espeak-ng's voice (resampled to 48 kHz) is P0's microphone, P1
     * records {@link #LISTEN_S} s and must hear it: loudness envelope and spectrum close to the
     * source's at the best lag (the lag is printed as the latency). The same check on the source
     * chopped into 200 ms pieces and reordered must fail, so it can.
     */
    @Test
    void speechBetweenTwoGodotProcesses() throws Exception {
        Path project = Rig.project(tmp.resolve("project"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path wav = tmp.resolve("speech.wav");
        Rig.Proc espeak = Rig.Proc.start("espeak-ng", List.of("espeak-ng", "-w", wav.toString(), SPEECH), Map.of());
        assertTrue(espeak.await(60), "espeak-ng did not finish");
        assertEquals(0, espeak.exitCode(), espeak.output());
        short[] speech = Wav.readMono(wav, RATE);
        double seconds = speech.length / (double) RATE;
        assertTrue(seconds > 3 && seconds < LISTEN_S - 2.5, "espeak-ng said " + seconds + " s");
        Path pcm = project.resolve("speech.pcm");
        Wav.writeRaw(pcm, speech);
        mesh(
                project,
                out,
                9143,
                List.of(
                        List.of("--speech", pcm.toString(), "--clicks", "0", "--linger", "0.5"),
                        List.of(
                                "--freq",
                                "0",
                                "--tone",
                                Integer.toString(LISTEN_S - 2),
                                "--clicks",
                                "0",
                                "--linger",
                                "1")));
        Heard h = Heard.read(out, "P1", 1);
        assertTrue(h.samples().length >= speech.length, "P1 recorded " + h.samples().length + " samples");
        SpeechMatch heard = SpeechMatch.of(speech, h.samples());
        // The control has the recording's room to be aligned in: a second of silence before, two after.
        short[] reordered = new short[speech.length + 3 * RATE];
        System.arraycopy(Audio.shuffled(speech, RATE / 5, 18), 0, reordered, RATE, speech.length);
        SpeechMatch garbled = SpeechMatch.of(speech, reordered);
        long latency =
                h.arrival(heard.lagSamples()) - events(out, "P0", "start").get(0);
        System.out.printf(
                "voice speech: %.1f s of espeak-ng heard with envelope correlation %.3f, spectrum %.3f, %d ms after it"
                        + " was due (its half seconds %d to %d ms later than the whole; reordered in 200 ms pieces: %.3f, %.3f)%n",
                seconds,
                heard.envelope(),
                heard.spectrum(),
                latency,
                (heard.minLagSamples() - heard.lagSamples()) * 1000 / RATE,
                (heard.maxLagSamples() - heard.lagSamples()) * 1000 / RATE,
                garbled.envelope(),
                garbled.spectrum());
        assertTrue(
                garbled.envelope() < SpeechMatch.MIN_ENVELOPE || garbled.spectrum() < SpeechMatch.MIN_SPECTRUM,
                "the check cannot tell reordered speech: " + garbled);
        assertTrue(
                heard.envelope() >= SpeechMatch.MIN_ENVELOPE && heard.spectrum() >= SpeechMatch.MIN_SPECTRUM,
                "P1 did not hear the speech: " + heard);
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
                assertTrue(onset >= 0 && onset + 4 * RATE <= s.length, "P" + i + " heard too little of P" + j);
                // Three seconds before P0's mute: most must peak at the sender's frequency (a
                // stall's concealment may move one).
                List<Integer> hz = h.pitches(onset + RATE / 2, onset + 7 * RATE / 2, 2000);
                assertTrue(
                        Heard.mostlyAt(hz, freq[j]),
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
