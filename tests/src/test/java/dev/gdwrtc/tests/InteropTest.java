package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Other WebRTC stacks against a Godot process running WebRTCMultiplayerPeerJava through
 * SceneMultiplayer (tests/network/interop.gd): aiortc (tests/network/aiortc_peer.py) and headless
 * Chromium (tests/network/browser_peer.html), on the negotiated channels 1, 2, 3 Godot opens,
 * offer from either side, candidates trickled (make test-network).
 */
class InteropTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    /** Runs interop.gd against {@code foreign} until Godot exits; returns Godot's output. */
    private String exchange(boolean godotOffers, ForeignPeer foreign) throws Exception {
        Path project = Rig.project(tmp);
        Files.copy(Rig.ROOT.resolve("tests/network/interop.gd"), project.resolve("interop.gd"));
        return SignalRelay.run(project, "interop.gd", foreign, "--offer", godotOffers ? "1" : "0");
    }

    @ParameterizedTest(name = "Godot offers: {0}")
    @ValueSource(booleans = {true, false})
    void aiortcExchangesPacketsWithGodot(boolean godotOffers) throws Exception {
        Rig.Proc py = Rig.Proc.start(
                "aiortc",
                List.of(
                        "/usr/bin/python3",
                        Rig.ROOT.resolve("tests/network/aiortc_peer.py").toString(),
                        godotOffers ? "answer" : "offer"),
                Map.of());
        try {
            OutputStream toPy = py.process.getOutputStream();
            int[] sent = {0};
            String out = exchange(godotOffers, new ForeignPeer() {
                @Override
                public void send(String line) throws IOException {
                    toPy.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    toPy.flush();
                }

                @Override
                public List<String> take() {
                    List<String> lines = py.output().lines().toList();
                    List<String> fresh = lines.subList(sent[0], lines.size()).stream()
                            .filter(l -> l.startsWith("{"))
                            .toList();
                    sent[0] = lines.size();
                    return fresh;
                }

                @Override
                public String output() {
                    return py.output();
                }
            });
            assertTrue(out.contains("godot: got from 2: hello from aiortc on 1"), out);
            assertTrue(py.output().contains("aiortc: got 1 echo:hello from aiortc on 1"), py.output());
            assertTrue(py.output().contains("aiortc: got 1 hello from godot mode 2"), py.output());
            assertBurst(out, py.output());
            toPy.close(); // aiortc closes and exits on end of input
            assertTrue(py.await(30), "aiortc did not exit");
            assertEquals(0, py.exitCode(), py.output());
        } finally {
            py.process.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "Godot offers: {0}")
    @ValueSource(booleans = {true, false})
    void chromiumExchangesPacketsWithGodot(boolean godotOffers) throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(
                tmp.resolve("browser"), "browser_peer.html", "offer=" + (godotOffers ? "0" : "1"), List.of())) {
            String out = exchange(godotOffers, browser);
            assertTrue(out.contains("godot: got from 2: hello from browser on 1"), out);
            String seen = browser.reports();
            assertTrue(seen.contains("browser: got 1 echo:hello from browser on 1"), seen);
            assertTrue(seen.contains("browser: got 1 hello from godot mode 2"), seen);
            assertBurst(out, seen);
            assertTrue(!out.contains("Invalid candidate") && !out.contains("add_ice_candidate failed"), out);
            List<String> candidates = browser.candidates();
            long mdns = candidates.stream().filter(c -> c.contains(".local")).count();
            System.out.println(
                    "network: Chromium sent " + candidates.size() + " candidates, " + mdns + " with mDNS names");
            assertTrue(!browser.routeAdded() || mdns > 0, "Chromium sent no mDNS candidate to handle: " + candidates);
        }
    }

    /** The 20,000 reliable packets Godot sent in one frame all went out and came in order. */
    private static void assertBurst(String godot, String foreign) {
        assertTrue(godot.contains("godot: burst of 20000 sent, 0 refused"), godot);
        assertTrue(godot.contains("godot: got from 2: burst-ok 20000"), godot + "\nother side:\n" + foreign);
        assertTrue(!foreign.contains("burst out of order"), foreign);
        assertTrue(!godot.contains("ERROR"), "an error line:\n" + godot);
    }
}
