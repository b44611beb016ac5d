package dev.gdwrtc.tests.bench;

import dev.gdwrtc.tests.Rig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One column of the Godot-process rows: a Godot project holding one WebRTC addon, and the
 * multiplayer peer class a game uses with it ({@code java}: ours, {@code builtin}: Godot's own
 * WebRTCMultiplayerPeer, what a game has with any other WebRTC extension).
 */
record Side(String name, Path project, String mp) {
    /** The bench scripts each project needs beside tests/godot's (args.gd comes from demo/). */
    private static final List<String> SCRIPTS = List.of("mp_bench.gd", "burst_item.gd", "connect.gd", "startup.gd", "proc_status.gd");

    /** The project of every other test, with our addon. */
    static Side ours(Path dir) throws IOException {
        return new Side("ours", withScripts(Rig.project(dir)), "java");
    }

    /**
     * The same project with the addon folder {@code addon} (e.g. webrtc-native's release
     * folder) instead of ours, linked where its .gdextension file says it lives.
     */
    static Side anchor(Path dir, Path addon) throws IOException {
        Path project = withScripts(Rig.project(dir));
        Path gdextension;
        try (Stream<Path> files = Files.list(addon)) {
            gdextension = files.filter(f -> f.toString().endsWith(".gdextension")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no .gdextension file in the anchor folder " + addon));
        }
        String folder = folderInProject(addon, Files.readString(gdextension));
        Files.delete(project.resolve("addons/webrtc_java"));
        Files.createDirectories(project.resolve(folder).getParent());
        Files.createSymbolicLink(project.resolve(folder), addon.toAbsolutePath());
        Files.writeString(project.resolve(".godot/extension_list.cfg"), "res://" + folder + "/" + gdextension.getFileName() + "\n");
        return new Side("anchor (" + addon.getFileName() + ")", project, "builtin");
    }

    /**
     * Where the addon must sit in a project: where its .gdextension names its libraries by res://
     * paths (res://addons/webrtc/lib/..., res://webrtc/lib/...), the part of such a path before a
     * file the addon holds; where by relative paths (webrtc-native 1.2), anywhere under addons/.
     */
    private static String folderInProject(Path addon, String gdextension) {
        Matcher m = Pattern.compile("res://([^\"]+)").matcher(gdextension);
        while (m.find()) {
            String path = m.group(1);
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                if (Files.isRegularFile(addon.resolve(path.substring(slash + 1)))) {
                    return path.substring(0, slash);
                }
            }
        }
        return "addons/" + addon.getFileName(); // its libraries' paths are relative to it
    }

    private static Path withScripts(Path project) throws IOException {
        for (String script : SCRIPTS) {
            Files.copy(Rig.ROOT.resolve("tests/bench/" + script), project.resolve(script));
        }
        return project;
    }
}
