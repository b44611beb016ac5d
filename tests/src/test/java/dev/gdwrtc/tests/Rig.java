package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real stack as the tests drive it: the built addon, the provisioned headless Godot (or
 * $GODOT), throwaway Godot projects and processes whose output is kept for the assertions. The
 * test JVM already runs in its own network namespace (tests/netns/bin/java); processes inherit it.
 */
public final class Rig {
    public static final Path ROOT = Path.of(System.getProperty("gdwrtc.root", "..")).toAbsolutePath().normalize();
    static final Path ADDON = ROOT.resolve("build/addons/webrtc_java");

    private static List<String> godot;
    private static Path userHome;

    private Rig() {}

    /**
     * Fails unless this JVM runs in the namespace tests/netns/bin/java makes: WebRTC traffic of the
     * tests must never reach the machine's own interfaces.
     */
    public static void requireNamespace() throws java.net.SocketException {
        assertTrue(java.net.NetworkInterface.getByName("gdwrtc0") != null,
                "not inside the test network namespace: run through Maven (tests/netns/bin/java)");
    }

    /**
     * The command that starts Godot (provisioning it on first use, as native/godot-rig.sh does),
     * with the user folders of {@link #userHome()}.
     */
    static synchronized List<String> godot() throws Exception {
        return withUserFolders(provisionedGodot(), userHome());
    }

    /** The command that starts Godot with its user folders (settings, data, caches) below {@code home}. */
    static List<String> godot(Path home) throws Exception {
        return withUserFolders(provisionedGodot(), home);
    }

    /**
     * Godot's user folders for every Godot process of this test run: a fresh, empty folder, so no
     * test depends on what the developer's own Godot left in ~/.config, ~/.local/share or
     * ~/.cache, and a run behaves as on a machine where Godot never ran. Deleted when the JVM ends.
     */
    static synchronized Path userHome() throws IOException {
        if (userHome == null) {
            Path home = Files.createTempDirectory("gdwrtc-godot-home");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(home)));
            userHome = home;
        }
        return userHome;
    }

    /** {@code command} run with HOME and the XDG base folders below {@code home}, whatever else its caller sets. */
    static List<String> withUserFolders(List<String> command, Path home) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "HOME=" + home,
                "XDG_CONFIG_HOME=" + home.resolve(".config"), "XDG_DATA_HOME=" + home.resolve(".local/share"),
                "XDG_CACHE_HOME=" + home.resolve(".cache")));
        cmd.addAll(command);
        return cmd;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private static synchronized List<String> provisionedGodot() throws Exception {
        if (godot == null) {
            godot = rig("godot");
        }
        return godot;
    }

    /**
     * What native/godot-rig.sh prints for {@code what} ("godot", "godot-arm64", "root-arm64"...),
     * split at blanks; provisioning on first use.
     */
    static List<String> rig(String what) throws Exception {
        Proc p = Proc.start("godot-rig", List.of(ROOT.resolve("native/godot-rig.sh").toString(), what), Map.of());
        // An arm64 root is provisioned under emulation: slower than the native one.
        assertTrue(p.await(1800), "godot-rig.sh did not finish");
        assertTrue(p.exitCode() == 0, "godot-rig.sh failed:\n" + p.output());
        // The answer is the last line; provisioning messages (stderr, merged) may precede it.
        List<String> lines = p.output().trim().lines().toList();
        return Arrays.asList(lines.get(lines.size() - 1).trim().split("\\s+"));
    }

    /**
     * A fresh copy of tests/godot (with its subfolders) and of the example in demo/, with the built
     * addon installed and registered.
     */
    public static Path project(Path dir) throws IOException {
        assertTrue(Files.isRegularFile(ADDON.resolve("bin/libgdwrtc.so")), "run `make addon` first: " + ADDON);
        copyTree(ROOT.resolve("tests/godot"), dir);
        // The user example the tests drive (lobby, peer, chat) lives in demo/: use it from there.
        try (Stream<Path> example = Files.list(ROOT.resolve("demo"))) {
            for (Path f : (Iterable<Path>) example.filter(f -> f.toString().endsWith(".gd"))::iterator) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        Files.createDirectories(dir.resolve("addons"));
        Files.createSymbolicLink(dir.resolve("addons/webrtc_java"), ADDON);
        // The editor writes this list when it imports a project; a headless run only reads it.
        Files.createDirectories(dir.resolve(".godot"));
        Files.writeString(dir.resolve(".godot/extension_list.cfg"), "res://addons/webrtc_java/webrtc_java.gdextension\n");
        return dir;
    }

    /** Copies the folder {@code src} with its subfolders to {@code dst}. */
    static void copyTree(Path src, Path dst) throws IOException {
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = dst.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    /** Starts `godot --headless --path project -s script -- args...`. */
    public static Proc godotScript(String name, Path project, String script, Map<String, String> env, String... args) throws Exception {
        return godotScript(godot(), name, project, script, env, args);
    }

    /** The same with another Godot's command line (the arm64 one, Arm64Test). */
    static Proc godotScript(List<String> godot, String name, Path project, String script, Map<String, String> env, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>(godot);
        cmd.addAll(List.of("--headless", "--path", project.toString(), "-s", "res://" + script));
        if (args.length > 0) {
            cmd.add("--");
            cmd.addAll(List.of(args));
        }
        return Proc.start(name, cmd, env);
    }

    /** A child process whose merged output is collected for the assertions. */
    public static final class Proc {
        public final String name;
        final Process process;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Thread pump;
        private volatile boolean destroyed;

        private Proc(String name, Process process) {
            this.name = name;
            this.process = process;
            this.pump = new Thread(this::pump, "out-" + name);
            pump.setDaemon(true);
            pump.start();
        }

        public static Proc start(String name, List<String> cmd, Map<String, String> env) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            return new Proc(name, pb.start());
        }

        private void pump() {
            try (InputStream in = process.getInputStream()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (out) {
                        out.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                if (!destroyed) { // terminate() and kill9() close the stream under the pump
                    throw new UncheckedIOException(e);
                }
            }
        }

        /** Waits until the output contains {@code text}; false if it did not within the timeout. */
        public boolean waitFor(String text, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (!output().contains(text)) {
                if (System.nanoTime() > deadline || !process.isAlive() && !output().contains(text)) {
                    return output().contains(text);
                }
                Thread.sleep(20);
            }
            return true;
        }

        /** Waits for the exit (killing the process after the timeout); true if it exited by itself. */
        public boolean await(long seconds) throws InterruptedException {
            boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            pump.join(5000);
            // One line per process in the test log; the whole output goes into failure messages.
            System.out.println("[" + name + "] " + (exited ? "exit " + process.exitValue() : "killed after " + seconds + " s")
                    + ", " + output().lines().count() + " lines of output");
            return exited;
        }

        public long pid() {
            return process.pid();
        }

        /** SIGTERM: a clean stop. */
        public void terminate() {
            destroyed = true;
            process.destroy();
        }

        /** SIGKILL: as a crash or the OOM killer would. */
        public void kill9() {
            destroyed = true;
            process.destroyForcibly();
        }

        public int exitCode() {
            return process.exitValue();
        }

        public String output() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
