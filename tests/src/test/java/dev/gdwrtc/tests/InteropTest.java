package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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

    /** The other stack as the signalling relay sees it. */
    interface Foreign {
        /** A JSON signalling line from Godot. */
        void send(String line) throws IOException;

        /** JSON signalling lines for Godot produced since the last call. */
        List<String> take();

        String output();
    }

    /** Runs interop.gd against {@code foreign} until Godot exits; returns Godot's output. */
    private String exchange(boolean godotOffers, Foreign foreign) throws Exception {
        Path project = Rig.project(tmp);
        Files.copy(Rig.ROOT.resolve("tests/network/interop.gd"), project.resolve("interop.gd"));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Rig.Proc godot = Rig.godotScript("godot-interop", project, "interop.gd", Map.of(),
                    "--port", "" + server.getLocalPort(), "--offer", godotOffers ? "1" : "0");
            try (Socket s = server.accept()) {
                OutputStream toGodot = s.getOutputStream();
                Thread up = new Thread(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            foreign.send(line);
                        }
                    } catch (IOException e) {
                        // Godot exited
                    }
                }, "godot-to-foreign");
                up.setDaemon(true);
                up.start();
                long deadline = System.nanoTime() + 150_000_000_000L;
                while (godot.process.isAlive() && System.nanoTime() < deadline) {
                    for (String line : foreign.take()) {
                        toGodot.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        toGodot.flush();
                    }
                    Thread.sleep(5);
                }
                assertTrue(godot.await(10), "Godot did not finish:\n" + godot.output() + "\nother side:\n" + foreign.output());
                assertEquals(0, godot.exitCode(), godot.output() + "\nother side:\n" + foreign.output());
                return godot.output();
            } finally {
                godot.process.destroyForcibly();
            }
        }
    }

    @ParameterizedTest(name = "Godot offers: {0}")
    @ValueSource(booleans = {true, false})
    void aiortcExchangesPacketsWithGodot(boolean godotOffers) throws Exception {
        Rig.Proc py = Rig.Proc.start("aiortc", List.of("/usr/bin/python3",
                Rig.ROOT.resolve("tests/network/aiortc_peer.py").toString(), godotOffers ? "answer" : "offer"), Map.of());
        try {
            OutputStream toPy = py.process.getOutputStream();
            int[] sent = {0};
            String out = exchange(godotOffers, new Foreign() {
                @Override
                public void send(String line) throws IOException {
                    toPy.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    toPy.flush();
                }

                @Override
                public List<String> take() {
                    List<String> lines = py.output().lines().toList();
                    List<String> fresh = lines.subList(sent[0], lines.size()).stream().filter(l -> l.startsWith("{")).toList();
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
        List<String> toPage = Collections.synchronizedList(new ArrayList<>());
        List<String> toGodot = Collections.synchronizedList(new ArrayList<>());
        List<String> reports = Collections.synchronizedList(new ArrayList<>());
        List<String> candidates = Collections.synchronizedList(new ArrayList<>());
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = Files.readAllBytes(Rig.ROOT.resolve("tests/network/browser_peer.html"));
        http.createContext("/page.html", x -> reply(x, page, "text/html"));
        http.createContext("/in", x -> {
            List<String> msgs;
            synchronized (toPage) {
                msgs = new ArrayList<>(toPage);
                toPage.clear();
            }
            reply(x, ("[" + String.join(",", msgs) + "]").getBytes(StandardCharsets.UTF_8), "application/json");
        });
        http.createContext("/out", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            (body.contains("\"type\":\"report\"") ? reports : toGodot).add(body);
            if (body.contains("\"type\":\"candidate\"")) {
                candidates.add(body);
            }
            reply(x, new byte[0], "text/plain");
        });
        http.start();
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        // Chromium gathers only on the interface of the default route, and names it with an mDNS
        // .local name: give this (private) namespace a default route so the browser offers such
        // candidates, as it does on a player's machine.
        boolean routeAdded = new ProcessBuilder("ip", "route", "add", "default", "via", "198.18.0.2", "dev", "gdwrtc0")
                .start().waitFor() == 0;
        Rig.Proc browser = Rig.Proc.start("chromium", List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "http://127.0.0.1:" + http.getAddress().getPort() + "/page.html?offer="
                        + (godotOffers ? "0" : "1")), Map.of());
        try {
            String out = exchange(godotOffers, new Foreign() {
                @Override
                public void send(String line) {
                    toPage.add(line);
                }

                @Override
                public List<String> take() {
                    synchronized (toGodot) {
                        List<String> fresh = new ArrayList<>(toGodot);
                        toGodot.clear();
                        return fresh;
                    }
                }

                @Override
                public String output() {
                    return String.join("\n", reports) + "\n" + browser.output();
                }
            });
            assertTrue(out.contains("godot: got from 2: hello from browser on 1"), out);
            String seen = String.join("\n", reports);
            assertTrue(seen.contains("browser: got 1 echo:hello from browser on 1"), seen);
            assertTrue(seen.contains("browser: got 1 hello from godot mode 2"), seen);
            assertBurst(out, seen);
            assertTrue(!out.contains("Invalid candidate") && !out.contains("add_ice_candidate failed"), out);
            long mdns = candidates.stream().filter(c -> c.contains(".local")).count();
            System.out.println("network: Chromium sent " + candidates.size() + " candidates, " + mdns + " with mDNS names");
            assertTrue(!routeAdded || mdns > 0, "Chromium sent no mDNS candidate to handle: " + candidates);
        } finally {
            browser.process.destroyForcibly();
            browser.process.waitFor();
            http.stop(0);
            if (routeAdded) {
                new ProcessBuilder("ip", "route", "del", "default").start().waitFor();
            }
        }
    }

    /** The 20,000 reliable packets Godot sent in one frame all went out and came in order. */
    private static void assertBurst(String godot, String foreign) {
        assertTrue(godot.contains("godot: burst of 20000 sent, 0 refused"), godot);
        assertTrue(godot.contains("godot: got from 2: burst-ok 20000"), godot + "\nother side:\n" + foreign);
        assertTrue(!foreign.contains("burst out of order"), foreign);
        assertTrue(!godot.contains("ERROR"), "an error line:\n" + godot);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange x, byte[] body, String type) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(body);
        }
    }

}
