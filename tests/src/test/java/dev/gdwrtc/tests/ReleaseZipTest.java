package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `make release`'s zip, installed as a user does: unzipped into an empty project, in one step. */
class ReleaseZipTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    @Test
    void unzippedIntoAnEmptyProjectItImportsAndConnects() throws Exception {
        Path project = unzippedIntoAnEmptyProject(tmp, Rig.godot());
        Rig.Proc p = Rig.godotScript("release-minimal", project, "minimal.gd", Map.of());
        assertTrue(p.await(60), "minimal.gd did not finish");
        assertEquals(0, p.exitCode(), p.output());
        assertTrue(p.output().contains("minimal: ok"), p.output());
    }

    /**
     * A new project (with tests/godot/minimal.gd) in {@code tmp} that has the release zip unzipped
     * into it and was imported by {@code godot} (a command line), without errors.
     */
    static Path unzippedIntoAnEmptyProject(Path tmp, List<String> godot) throws Exception {
        Path zip;
        try (Stream<Path> dist = Files.list(Rig.ROOT.resolve("dist"))) {
            List<Path> zips = dist.filter(p -> p.getFileName().toString().matches("godot-webrtc-java-.+-linux-x86_64-arm64\\.zip")).toList();
            assertEquals(1, zips.size(), "run `make release` first: " + zips);
            zip = zips.get(0);
        }
        Path project = Files.createDirectories(tmp.resolve("new game"));
        Files.writeString(project.resolve("project.godot"), "config_version=5\n[application]\nconfig/name=\"new game\"\n");
        Files.copy(Rig.ROOT.resolve("tests/godot/minimal.gd"), project.resolve("minimal.gd"));

        Rig.Proc unzip = Rig.Proc.start("unzip", List.of("unzip", "-q", zip.toString(), "-d", project.toString()), Map.of());
        assertTrue(unzip.await(60), "unzip did not finish");
        assertEquals(0, unzip.exitCode(), unzip.output());
        Path addon = project.resolve("addons/webrtc_java");
        for (String f : List.of("webrtc_java.gdextension", "bin/libgdwrtc.so", "bin/libjniGdwrtc.so", "bin/libgdwrtc.arm64.so",
                "bin/libjniGdwrtc.arm64.so", "jre-arm64-linux/lib/gdwrtc.jsa", "jre-amd64-linux/lib/gdwrtc.jsa", "LICENSE",
                "THIRD_PARTY_NOTICES", "licenses/Apache-2.0.txt", "icons/WebRTCMultiplayerPeerJava.svg")) {
            assertTrue(Files.isRegularFile(addon.resolve(f)), "the zip lacks addons/webrtc_java/" + f);
        }
        String config = Files.readString(addon.resolve("webrtc_java.gdextension"));
        assertTrue(config.contains("compatibility_minimum") && config.contains("[icons]"), config);
        assertFalse(Files.exists(project.resolve(".godot")), "the zip must not carry project data");

        List<String> importCmd = new ArrayList<>(godot);
        importCmd.addAll(List.of("--headless", "--path", project.toString(), "--import"));
        Rig.Proc imp = Rig.Proc.start("release-import", importCmd, Map.of());
        assertTrue(imp.await(180), "import did not finish");
        assertEquals(0, imp.exitCode(), imp.output());
        assertFalse(imp.output().contains("ERROR"), imp.output());
        return project;
    }
}
