package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with Godot's own WebRTCMultiplayerPeer, measured: each scenario of tests/godot/parity
 * runs once with Godot's class and once with WebRTCMultiplayerPeerJava (both over
 * WebRTCPeerConnectionJava, the default connection implementation), and the two transcripts of
 * signals, return codes, received packets and state queries must be identical. docs/parity.md
 * lists what each scenario covers. Godot 3's form, which only our class has, is checked against
 * expectations written from Godot 3's documentation instead.
 */
class ParityTest {
    private static final String PREFIX = "T| ";

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api", "server_client", "mesh", "references", "scene", "handlers"})
    void scenarioTranscriptsAreIdentical(String scenario) throws Exception {
        // Both at once: each process is mostly waiting on the network.
        Rig.Proc builtin = start(scenario, "builtin");
        Rig.Proc ours = start(scenario, "java");
        List<String> expected = transcript(builtin);
        List<String> actual = transcript(ours);
        if (!expected.equals(actual)) {
            fail("scenario " + scenario + ": the transcripts differ (- Godot's class, + ours):\n"
                    + diff(expected, actual) + failures(builtin, ours));
        }
        assertRanToTheEnd(builtin, "WebRTCMultiplayerPeer", expected);
        assertRanToTheEnd(ours, "WebRTCMultiplayerPeerJava", actual);
    }

    /**
     * Scenarios with no transcript of Godot's class to compare with, checked against expectations
     * written by hand: godot3 (Godot 3's form, from Godot 3's documentation) and handlers_ours
     * (signal handlers where Godot's own classes go wrong; docs/parity.md says how).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"godot3", "handlers_ours", "reading_ours"})
    void ourScenariosMatchTheirExpectations(String scenario) throws Exception {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(Rig.ROOT.resolve("tests/godot/parity/" + scenario + ".expected"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                expected.add(line);
            }
        }
        Rig.Proc ours = start(scenario, "java");
        List<String> actual = transcript(ours);
        if (!expected.equals(actual)) {
            fail(scenario + ": the transcript differs from " + scenario + ".expected (- expected, + ours):\n"
                    + diff(expected, actual) + failures(ours));
        }
        assertRanToTheEnd(ours, "WebRTCMultiplayerPeerJava", actual);
    }

    private Rig.Proc start(String scenario, String impl) throws Exception {
        Path project = Rig.project(Files.createDirectories(tmp.resolve(impl)));
        return Rig.godotScript(scenario + "-" + impl, project, "parity.gd", Map.of(), "--impl", impl, "--scenario", scenario);
    }

    /** Waits for the run and returns its transcript lines (all of them, however the run ended). */
    private static List<String> transcript(Rig.Proc p) throws Exception {
        p.await(90);
        List<String> lines = new ArrayList<>();
        for (String line : p.output().split("\n")) {
            if (line.startsWith(PREFIX)) {
                lines.add(line.substring(PREFIX.length()));
            }
        }
        return lines;
    }

    /** The whole output of each run that did not end well, to read along with a diff. */
    private static String failures(Rig.Proc... procs) {
        StringBuilder out = new StringBuilder();
        for (Rig.Proc p : procs) {
            if (p.process.isAlive() || p.exitCode() != 0 || p.output().contains("SCRIPT ERROR")) {
                out.append("\n--- output of ").append(p.name).append(":\n").append(p.output());
            }
        }
        return out.toString();
    }

    private static void assertRanToTheEnd(Rig.Proc p, String cls, List<String> transcript) {
        String out = p.output();
        assertFalse(p.process.isAlive(), p.name + " did not finish:\n" + out);
        assertEquals(0, p.exitCode(), p.name + " failed:\n" + out);
        assertTrue(out.contains("parity: multiplayer peer class " + cls + "\n"), p.name + " did not run " + cls + ":\n" + out);
        // A script error does not stop GDScript: the scenario would go on, and both runs could agree.
        assertFalse(out.contains("SCRIPT ERROR"), p.name + " had a script error:\n" + out);
        assertTrue(transcript.size() > 10 && transcript.get(transcript.size() - 1).equals("end"),
                p.name + " wrote no full transcript:\n" + out);
    }

    /** A line diff (longest common subsequence), with two lines of context around each change. */
    static String diff(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> ops = new ArrayList<>();
        int i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add("  " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add("- " + a.get(i++));
            } else {
                ops.add("+ " + b.get(j++));
            }
        }
        StringBuilder out = new StringBuilder();
        int lastShown = -1;
        for (int k = 0; k < ops.size(); k++) {
            boolean near = false;
            for (int d = -2; d <= 2 && !near; d++) {
                int n = k + d;
                near = n >= 0 && n < ops.size() && !ops.get(n).startsWith("  ");
            }
            if (near) {
                if (lastShown >= 0 && k > lastShown + 1) {
                    out.append("  ...\n");
                }
                out.append(ops.get(k)).append('\n');
                lastShown = k;
            }
        }
        return out.toString();
    }
}
