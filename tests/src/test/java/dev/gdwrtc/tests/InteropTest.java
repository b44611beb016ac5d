package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Another WebRTC stack against a Godot process running WebRTCMultiplayerPeerJava through
 * SceneMultiplayer: aiortc (tests/network/aiortc_peer.py) on the negotiated channels 1, 2, 3 Godot
 * opens, offer from either side, Godot's candidates trickled (make test-network).
 */
@Tag("network")
class InteropTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @ParameterizedTest(name = "aiortc offers: {0}")
    @ValueSource(booleans = {false, true})
    void aiortcExchangesPacketsWithGodot(boolean aiortcOffers, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path project = Rig.project(tmp);
        Files.copy(Rig.ROOT.resolve("tests/network/interop.gd"), project.resolve("interop.gd"));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Rig.Proc godot = Rig.godotScript("godot-interop", project, "interop.gd", Map.of(),
                    "--port", "" + server.getLocalPort(), "--offer", aiortcOffers ? "0" : "1");
            Rig.Proc py = Rig.Proc.start("aiortc", List.of("/usr/bin/python3",
                    Rig.ROOT.resolve("tests/network/aiortc_peer.py").toString(), aiortcOffers ? "offer" : "answer"), Map.of());
            try (Socket s = server.accept()) {
                OutputStream toGodot = s.getOutputStream();
                OutputStream toPy = py.process.getOutputStream();
                // Godot -> aiortc: lines from the socket.
                Thread up = new Thread(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            toPy.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                            toPy.flush();
                        }
                    } catch (Exception e) {
                        // Godot exited
                    }
                }, "godot-to-aiortc");
                up.setDaemon(true);
                up.start();
                // aiortc -> Godot: its JSON lines, as they appear in its output.
                int sent = 0;
                long deadline = System.nanoTime() + 150_000_000_000L;
                while (godot.process.isAlive() && System.nanoTime() < deadline) {
                    List<String> lines = py.output().lines().toList();
                    for (; sent < lines.size(); sent++) {
                        if (lines.get(sent).startsWith("{")) {
                            toGodot.write((lines.get(sent) + "\n").getBytes(StandardCharsets.UTF_8));
                            toGodot.flush();
                        }
                    }
                    Thread.sleep(5);
                }
                assertTrue(godot.await(10), "Godot did not finish:\n" + godot.output() + "\naiortc:\n" + py.output());
                String out = godot.output();
                assertEquals(0, godot.exitCode(), out + "\naiortc:\n" + py.output());
                assertTrue(out.contains("godot: got from 2: hello from aiortc on 1"), out);
                assertTrue(py.output().contains("aiortc: got 1 echo:hello from aiortc on 1"), py.output());
                assertTrue(py.output().contains("aiortc: got 1 hello from godot mode 2"), py.output());
                toPy.close(); // aiortc closes and exits on end of input
                assertTrue(py.await(30), "aiortc did not exit");
                assertEquals(0, py.exitCode(), py.output());
            } finally {
                godot.process.destroyForcibly();
                py.process.destroyForcibly();
            }
        }
    }
}
