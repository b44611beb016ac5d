package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class reference embedded in libgdwrtc.so reaches the editor: a plugin in a headless editor
 * opens each class's help page, as F1 does, and prints what the page shows. Godot runs with fresh,
 * empty user folders: first as on a machine where its editor never ran (it generates its help
 * cache), then again with the cache it wrote, then with a cache of another Godot version.
 */
class EditorHelpTest {
    private static final Pattern MEMBER = Pattern.compile("<(method|signal) name=\"([a-z_0-9]+)\"");

    @TempDir
    Path tmp;

    @Test
    void editorHelpShowsEveryClassMethodAndSignalOnAFirstStartAgainAndAfterAnUpdate() throws Exception {
        Path project = copyOf(Rig.ROOT.resolve("tests/godot-editor"), tmp.resolve("help probe"));
        Files.createDirectories(project.resolve("addons"));
        Files.createSymbolicLink(project.resolve("addons/webrtc_java"), Rig.ADDON);
        Files.createDirectories(project.resolve(".godot"));
        Files.writeString(project.resolve(".godot/extension_list.cfg"), "res://addons/webrtc_java/webrtc_java.gdextension\n");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path cacheDir = home.resolve(".cache/godot");

        assertHelpShown(editor("editor-help-cold", project, home));
        List<Path> caches = helpCaches(cacheDir);
        assertEquals(1, caches.size(), "the first start wrote no help cache: " + caches);
        assertHelpShown(editor("editor-help-warm", project, home));
        // A Godot update finds a cache it cannot use and generates a new one, as a first start does.
        Files.writeString(caches.get(0), "a help cache of another Godot version");
        assertHelpShown(editor("editor-help-updated", project, home));
        assertTrue(Files.size(caches.get(0)) > 1000, "the editor did not write its help cache again");
    }

    /** Runs the headless editor on the probe project with the user folders below home. */
    private static String editor(String name, Path project, Path home) throws Exception {
        List<String> cmd = new ArrayList<>(Rig.godot(home));
        cmd.addAll(List.of("--headless", "--editor", "--path", project.toString()));
        Rig.Proc editor = Rig.Proc.start(name, cmd, Map.of());
        assertTrue(editor.await(300), "the editor did not quit");
        String out = editor.output();
        assertEquals(0, editor.exitCode(), out);
        return out;
    }

    private static void assertHelpShown(String out) throws Exception {
        try (Stream<Path> docs = Files.list(Rig.ROOT.resolve("gdextension/doc_classes"))) {
            for (Path xml : (Iterable<Path>) docs::iterator) {
                String cls = xml.getFileName().toString().replace(".xml", "");
                String page = page(out, cls);
                // Godot writes this placeholder wherever a class, method or signal has no text.
                assertFalse(page.contains("There is currently no description"), cls + ":\n" + page);
                Matcher m = MEMBER.matcher(Files.readString(xml));
                while (m.find()) {
                    assertTrue(page.contains(m.group(2) + "("),
                            cls + " lacks " + m.group(2) + ":\n" + page);
                }
            }
        }
        assertTrue(page(out, "WebRTCMultiplayerPeerJava").contains("Godot 3 form"), out);
    }

    private static List<Path> helpCaches(Path cacheDir) throws Exception {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("editor_doc_cache-")).toList();
        }
    }

    /** The help page the probe printed for one class. */
    private static String page(String out, String cls) {
        int start = out.indexOf("help_probe: " + cls + " ");
        assertTrue(start >= 0, "no help page for " + cls + ":\n" + out);
        int end = out.indexOf("help_probe: end", start);
        assertTrue(end > start, out);
        return out.substring(start, end);
    }

    private static Path copyOf(Path src, Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = dir.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return dir;
    }
}
