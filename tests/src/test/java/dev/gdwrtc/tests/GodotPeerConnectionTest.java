package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebRTCPeerConnection.new() in a real Godot, with the extension as the default implementation. */
class GodotPeerConnectionTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    @Test
    void officialMinimalDemoShapeConnectsAndExchangesMessages() throws Exception {
        Rig.Proc p = Rig.godotScript("minimal", Rig.project(tmp), "minimal.gd", Map.of());
        assertTrue(p.await(60), "minimal.gd did not finish");
        String out = p.output();
        assertEquals(0, p.exitCode(), out);
        assertTrue(out.contains("peer connection class WebRTCPeerConnectionJava"), out);
        assertTrue(out.contains("P1 received: Hi from P2") && out.contains("P2 received: Hi from P1"), out);
    }

    @Test
    void addonCopiedIntoAnUnrelatedProjectWorksThere() throws Exception {
        // As a user would: a project of its own, the addon folder copied in, Godot's own import.
        Path project = Files.createDirectories(tmp.resolve("some game"));
        Files.writeString(project.resolve("project.godot"), "config_version=5\n[application]\nconfig/name=\"some game\"\n");
        Files.copy(Rig.ROOT.resolve("tests/godot/minimal.gd"), project.resolve("minimal.gd"));
        Path addon = project.resolve("addons/webrtc_java");
        Files.createDirectories(addon.getParent());
        try (var files = Files.walk(Rig.ADDON)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, addon.resolve(Rig.ADDON.relativize(f).toString()));
            }
        }
        java.util.List<String> importCmd = new java.util.ArrayList<>(Rig.godot());
        importCmd.addAll(java.util.List.of("--headless", "--path", project.toString(), "--import"));
        Rig.Proc imp = Rig.Proc.start("import", importCmd, Map.of());
        assertTrue(imp.await(120), "import did not finish");
        // The first import is the one that loads the extension mid-run (docs/editor.md).
        assertEquals(0, imp.exitCode(), imp.output());
        assertTrue(Files.readString(project.resolve(".godot/extension_list.cfg")).contains("webrtc_java.gdextension"));

        Rig.Proc p = Rig.godotScript("unrelated", project, "minimal.gd", Map.of());
        assertTrue(p.await(60), "minimal.gd did not finish");
        assertEquals(0, p.exitCode(), p.output());
        assertTrue(p.output().contains("minimal: ok"), p.output());
    }

    @Test
    void signalHandlersMayRemoveCloseAndFreeInsidePoll() throws Exception {
        Rig.Proc p = Rig.godotScript("reentrant", Rig.project(tmp), "reentrant.gd", Map.of());
        assertTrue(p.await(120), "reentrant.gd did not finish");
        String out = p.output();
        assertEquals(0, p.exitCode(), out);
        assertTrue(out.contains("reentrant: class WebRTCMultiplayerPeerJava"), out);
        assertTrue(out.contains("reentrant: ok"), out);
    }

    /**
     * The same handlers with the extension built with AddressSanitizer (make asan): a use after
     * free that happens not to crash in the plain build is reported here.
     */
    @Test
    void signalHandlersInsidePollAreCleanUnderAddressSanitizer() throws Exception {
        Path asan = Rig.ROOT.resolve("build/asan");
        assertTrue(Files.isRegularFile(asan.resolve("libgdwrtc.so")), "run `make asan` first");
        Path project = Rig.project(tmp.resolve("project"));
        // The built addon, but with the ASan build of the extension.
        Path addon = tmp.resolve("addon");
        Rig.copyTree(Rig.ADDON, addon);
        Files.copy(asan.resolve("libgdwrtc.so"), addon.resolve("bin/libgdwrtc.so"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(project.resolve("addons/webrtc_java"));
        Files.createSymbolicLink(project.resolve("addons/webrtc_java"), addon);
        // The rig starts Godot through its own loader: preload the shim, then the ASan runtime.
        List<String> cmd = new ArrayList<>(Rig.godot());
        String runtime = Files.readString(asan.resolve("runtime")).trim();
        int loader = cmd.indexOf(cmd.stream().filter(a -> a.contains("ld-linux")).findFirst().orElseThrow());
        cmd.addAll(loader + 1, List.of("--preload", asan.resolve("nodeepbind.so") + " " + runtime));
        cmd.addAll(List.of("--headless", "--path", project.toString(), "-s", "res://reentrant.gd"));
        Rig.Proc p = Rig.Proc.start("reentrant-asan", cmd, Map.of("ASAN_OPTIONS",
                "verify_asan_link_order=0:detect_leaks=0:handle_segv=0:allow_user_segv_handler=1"));
        assertTrue(p.await(180), "reentrant.gd under ASan did not finish");
        String out = p.output();
        assertFalse(out.contains("AddressSanitizer"), out);
        assertEquals(0, p.exitCode(), out);
        assertTrue(out.contains("reentrant: ok"), out);
    }

    @Test
    void badInputAnswersWithGodotErrorsAndNeverCrashes() throws Exception {
        Rig.Proc p = Rig.godotScript("bad_input", Rig.project(tmp), "bad_input.gd", Map.of());
        assertTrue(p.await(60), "bad_input.gd did not finish");
        String out = p.output();
        assertEquals(0, p.exitCode(), out);
        assertTrue(out.contains("bad_input: all checks passed"), out);
        // Each refusal was explained in Godot's output, not only returned as a code.
        assertTrue(out.contains("A client can only add the server"), out);
        assertTrue(out.contains("needs a WebRTCPeerConnection backed by WebRTCPeerConnectionJava"), out);
    }
}
