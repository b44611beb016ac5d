package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make soak`: Godot processes started and ended many times in a row, every exit code checked. A
 * crash at start-up or exit shows up only now and then, so one run of each proves little.
 */
@Tag("soak")
class SoakTest {
    static final int IMPORTS = 20;
    static final int RUNS = 100;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    @Test
    void freshImportsOfAProjectHoldingTheAddonAllExitZero() throws Exception {
        List<String> abnormal = new ArrayList<>();
        for (int i = 0; i < IMPORTS; i++) {
            // A fresh project each time: no .godot/, so the editor meets the extension mid-run.
            Path project = Files.createDirectories(tmp.resolve("import-" + i));
            Files.writeString(project.resolve("project.godot"), "config_version=5\n[application]\nconfig/name=\"soak\"\n");
            Files.createDirectories(project.resolve("addons"));
            Files.createSymbolicLink(project.resolve("addons/webrtc_java"), Rig.ADDON);
            List<String> cmd = new ArrayList<>(Rig.godot());
            cmd.addAll(List.of("--headless", "--path", project.toString(), "--import"));
            Rig.Proc p = Rig.Proc.start("import-" + i, cmd, Map.of());
            boolean exited = p.await(180);
            if (!exited || p.exitCode() != 0) {
                abnormal.add("import " + i + ": " + (exited ? "exit " + p.exitCode() : "hung") + "\n" + p.output());
            }
        }
        assertTrue(abnormal.isEmpty(), abnormal.size() + " of " + IMPORTS + " imports ended abnormally:\n" + String.join("\n", abnormal));
    }

    @Test
    void shortRunsQuittingWithLiveOrHalfOpenConnectionsAllExitZero() throws Exception {
        Path project = Rig.project(tmp.resolve("runs"));
        List<String> abnormal = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            // Quit with open channels, with a connected multiplayer mesh, or 1..6 frames into the
            // offer/answer and ICE exchange (a connection opens after about 5 frames).
            String[] args = switch (i % 4) {
                case 0 -> new String[] { "live" };
                case 1 -> new String[] { "mesh" };
                default -> new String[] { "handshake", Integer.toString(1 + i % 6) };
            };
            Rig.Proc p = Rig.godotScript("run-" + i + "-" + args[0], project, "soak_run.gd", Map.of(), args);
            boolean exited = p.await(120);
            if (!exited || p.exitCode() != 0 || !p.output().contains("soak_run: " + args[0] + " quitting")) {
                abnormal.add("run " + i + " " + String.join(" ", args) + ": " + (exited ? "exit " + p.exitCode() : "hung") + "\n" + p.output());
            }
        }
        assertEquals(List.of(), abnormal, abnormal.size() + " of " + RUNS + " runs ended abnormally");
    }
}
