package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the extension looks for Java in a project (the editor's case), past the bundled runtime. */
class RuntimeLookupTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    /** A project with the addon copied in, without its bundled runtime. */
    private Path projectWithoutRuntime() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.copy(Rig.ROOT.resolve("tests/godot/project.godot"), project.resolve("project.godot"));
        Files.copy(Rig.ROOT.resolve("tests/godot/minimal.gd"), project.resolve("minimal.gd"));
        Path addon = project.resolve("addons/webrtc_java");
        ExportedGameTest.copyTree(Rig.ADDON, addon);
        ExportedGameTest.deleteTree(addon.resolve("jre-amd64-linux"));
        Files.createDirectories(project.resolve(".godot"));
        Files.writeString(project.resolve(".godot/extension_list.cfg"), "res://addons/webrtc_java/webrtc_java.gdextension\n");
        Files.writeString(project.resolve("no_jvm.gd"), """
                extends SceneTree
                func _initialize() -> void:
                    print("no_jvm: classes registered: ", ClassDB.class_exists("WebRTCMultiplayerPeerJava"))
                    var mp := WebRTCMultiplayerPeerJava.new()
                    print("no_jvm: create_mesh answered ", mp.create_mesh(1), ", status ", mp.get_connection_status())
                    quit(0)
                """.replace("    ", "\t"));
        return project;
    }

    @Test
    void missingJvmIsOneClearErrorAndGodotKeepsRunning() throws Exception {
        Rig.Proc p = Rig.godotScript("no_jvm", projectWithoutRuntime(), "no_jvm.gd", Map.of("JAVA_HOME", "/nonexistent-jdk", "PATH", "/nonexistent"));
        assertTrue(p.await(60), "Godot hung without a JVM");
        String out = p.output();
        assertEquals(0, p.exitCode(), out);
        assertTrue(out.contains("No Java runtime found"), out);
        assertTrue(out.contains("/addons/webrtc_java/jre-amd64-linux (no such folder)"), out);
        assertTrue(out.contains("JAVA_HOME: /nonexistent-jdk (no such folder)"), out);
        assertTrue(out.contains("java on PATH: (not set)"), out);
        // Registered all the same, so scripts naming them load; their objects are unconfigured.
        assertTrue(out.contains("no_jvm: classes registered: true"), out);
        assertTrue(out.contains("no_jvm: create_mesh answered 3, status 0"), out); // ERR_UNCONFIGURED, DISCONNECTED
    }

    @Test
    void javaHomePointingAtBinIsAccepted() throws Exception {
        // A common mistake in launchers' settings: JAVA_HOME=/usr/lib/jvm/<jdk>/bin.
        String jdk = Path.of(System.getProperty("java.home")).toString();
        Rig.Proc p = Rig.godotScript("java_home_bin", projectWithoutRuntime(), "minimal.gd", Map.of("JAVA_HOME", jdk + "/bin/", "PATH", "/nonexistent"));
        assertTrue(p.await(60), "minimal.gd did not finish");
        assertEquals(0, p.exitCode(), p.output());
        assertTrue(p.output().contains("minimal: ok"), p.output());
    }
}
