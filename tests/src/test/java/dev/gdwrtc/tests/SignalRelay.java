package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Signalling between a Godot script (tests/godot/line_signalling.gd: JSON lines over TCP to
 * {@code --port}) and a {@link ForeignPeer}, relayed until Godot exits.
 */
public final class SignalRelay {
    /** How long a Godot side may run. */
    static final long GODOT_SECONDS = 150;

    private SignalRelay() {}

    /**
     * Runs {@code script} of {@code project} with {@code --port P args...} against {@code foreign};
     * asserts it exits 0 and returns its output.
     */
    public static String run(Path project, String script, ForeignPeer foreign, String... args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String[] all = new String[args.length + 2];
            all[0] = "--port";
            all[1] = Integer.toString(server.getLocalPort());
            System.arraycopy(args, 0, all, 2, args.length);
            Rig.Proc godot = Rig.godotScript("godot-" + script.replace(".gd", ""), project, script, Map.of(), all);
            try (Socket s = server.accept()) {
                OutputStream toGodot = s.getOutputStream();
                Thread up = new Thread(
                        () -> {
                            try (BufferedReader r = new BufferedReader(
                                    new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = r.readLine()) != null) {
                                    foreign.send(line);
                                }
                            } catch (IOException e) {
                                // Godot exited
                            }
                        },
                        "godot-to-foreign");
                up.setDaemon(true);
                up.start();
                long deadline = System.nanoTime() + GODOT_SECONDS * 1_000_000_000L;
                while (godot.process.isAlive() && System.nanoTime() < deadline) {
                    for (String line : foreign.take()) {
                        toGodot.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        toGodot.flush();
                    }
                    Thread.sleep(5);
                }
                assertTrue(
                        godot.await(10),
                        "Godot did not finish:\n" + godot.output() + "\nother side:\n" + foreign.output());
                assertEquals(0, godot.exitCode(), godot.output() + "\nother side:\n" + foreign.output());
                return godot.output();
            } finally {
                godot.process.destroyForcibly();
            }
        }
    }
}
