package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make soak`, a whole game session (issue 15): 4 Godot processes at 60 frames/s in a mesh
 * (tests/godot/soak/session.gd), one of them on Godot's built-in WebRTCMultiplayerPeer, exchanging
 * reliable and unreliable RPCs for {@code soak.minutes} (10); every {@code soak.cycleSeconds} (60)
 * one player leaves and rejoins, and the host sends each joining player a 20,000-RPC world sync.
 * Zero lost or reordered reliable RPCs, zero error lines, and each process's RSS grows by at most
 * {@link #MAX_RSS_SLOPE_MIB_PER_MIN} in the session's second half (least squares; printed, with
 * the slope after the first cycle and RSS each minute). Each player's whole output is kept in build/soak/.
 */
@Tag("soak")
class SessionSoakTest {
    private static final double MINUTES = Double.parseDouble(System.getProperty("soak.minutes", "10"));
    private static final double CYCLE_SECONDS = Double.parseDouble(System.getProperty("soak.cycleSeconds", "60"));
    static final double MAX_RSS_SLOPE_MIB_PER_MIN = 1.0;
    /** Slot 0 hosts; slot 3 plays on Godot's own class, as a player of another build might. */
    private static final String[] IMPLS = {"java", "java", "java", "builtin"};

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    @Test
    void fourPlayersTenMinutesNothingLostNoErrorsFlatMemory() throws Exception {
        Path project = Rig.project(tmp);
        java.nio.file.Files.copy(Rig.ROOT.resolve("tests/bench/proc_status.gd"), project.resolve("proc_status.gd"));
        List<Rig.Proc> players = new ArrayList<>();
        try (LineLobby lobby = new LineLobby()) {
            for (int slot = 0; slot < IMPLS.length; slot++) {
                players.add(Rig.godotScript("soak-" + slot + "-" + IMPLS[slot], project, "soak/session.gd", Map.of(),
                        "--port", Integer.toString(lobby.port()), "--slot", Integer.toString(slot), "--impl", IMPLS[slot],
                        "--duration", Double.toString(MINUTES * 60), "--cycle", Double.toString(CYCLE_SECONDS)));
                // In slot order, so the host is id 1 and each player meets those before it.
                assertTrue(players.get(slot).waitFor("soak: joined as", 60), "player " + slot + " did not join:\n" + players.get(slot).output());
            }
            long timeout = (long) (MINUTES * 60) + 180;
            for (Rig.Proc p : players) {
                assertTrue(p.await(timeout), "a player did not finish:\n" + p.output());
            }
        }
        List<String> problems = new ArrayList<>();
        Path logs = java.nio.file.Files.createDirectories(Rig.ROOT.resolve("build/soak"));
        for (int slot = 0; slot < players.size(); slot++) {
            Rig.Proc p = players.get(slot);
            String out = p.output();
            String who = "player " + slot + " (" + IMPLS[slot] + ")";
            java.nio.file.Files.writeString(logs.resolve("session-player-" + slot + ".log"), out); // whole, for the causes
            System.out.println("soak: " + who + " RSS MiB each minute: " + String.join(" ", out.lines()
                    .filter(l -> l.startsWith("soak: rss ")).map(l -> l.split(" ")).filter(f -> Integer.parseInt(f[2]) % 60 == 0)
                    .map(f -> Long.toString(Long.parseLong(f[3]) / 1024)).toList()));
            if (p.exitCode() != 0) {
                problems.add(who + " exited " + p.exitCode());
            }
            out.lines().filter(l -> l.startsWith("soak: FAIL")).forEach(l -> problems.add(who + ": " + l));
            List<String> errors = out.lines().filter(l -> l.matches("^(USER |SCRIPT )?ERROR:.*")).toList();
            if (!errors.isEmpty()) {
                problems.add(who + ": " + errors.size() + " error lines, first: " + errors.get(0));
            }
            String done = out.lines().filter(l -> l.startsWith("soak: done ")).findFirst().orElse(null);
            if (done == null) {
                problems.add(who + " printed no totals");
            } else {
                System.out.println("soak: " + who + " " + done.substring(11));
            }
            // A leak grows all along (the old one in a step at every world sync); one step to a new
            // high-water mark early on, flat after, is not one: the second half's slope decides.
            double slope = rssSlope(out, Math.max(CYCLE_SECONDS, MINUTES * 30));
            System.out.printf(
                    "soak: %s RSS slope after the first cycle %.3f MiB/min, in the second half %.3f (<= %.1f)%n",
                    who, rssSlope(out, CYCLE_SECONDS), slope, MAX_RSS_SLOPE_MIB_PER_MIN);
            if (!(slope <= MAX_RSS_SLOPE_MIB_PER_MIN)) {
                problems.add(String.format("%s: RSS grows %.3f MiB/min", who, slope));
            }
        }
        assertEquals(List.of(), problems, "the session broke its promises; player 0's output:\n" + tail(players.get(0).output()));
    }

    /** MiB per minute, least squares over the "soak: rss <s> <kib>" samples from {@code fromSeconds} on. */
    static double rssSlope(String output, double fromSeconds) {
        List<double[]> points = output.lines().filter(l -> l.startsWith("soak: rss ")).map(l -> l.split(" "))
                .map(f -> new double[] {Double.parseDouble(f[2]) / 60, Double.parseDouble(f[3]) / 1024})
                .filter(xy -> xy[0] * 60 >= fromSeconds).toList();
        if (points.size() < 2) {
            return Double.NaN;
        }
        double n = points.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double[] xy : points) {
            sx += xy[0];
            sy += xy[1];
            sxx += xy[0] * xy[0];
            sxy += xy[0] * xy[1];
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
