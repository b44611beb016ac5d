package dev.gdwrtc.tests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium running a page of tests/network in the test JVM's network namespace, as a
 * {@link ForeignPeer}. An HTTP server on loopback serves the page and its scripts and carries its
 * signalling (browser_signalling.js): GET /in hands the page what Godot sent, POST /out takes the
 * page's lines for Godot and its reports; POST /upload/NAME stores a file in {@link #uploads()}.
 */
public final class HeadlessChromium implements ForeignPeer, AutoCloseable {
    private static final Path PAGES = Rig.ROOT.resolve("tests/network");
    /** The gateway of the namespace's default route (the far end of native/netns-run.sh's veth pair). */
    private static final String GATEWAY = "198.18.0.2";

    private final List<String> toPage = Collections.synchronizedList(new ArrayList<>());
    private final List<String> toGodot = Collections.synchronizedList(new ArrayList<>());
    private final List<String> reports = Collections.synchronizedList(new ArrayList<>());
    private final List<String> candidates = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer http;
    private final Path uploads;
    private final boolean routeAdded;
    private final Rig.Proc browser;

    /**
     * Opens {@code page?query} with Chromium's own {@code flags} added; its profile and uploads go
     * below {@code tmp}.
     */
    public HeadlessChromium(Path tmp, String page, String query, List<String> flags) throws IOException {
        uploads = Files.createDirectories(tmp.resolve("uploads"));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::serve);
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
        http.createContext("/upload/", x -> {
            String name = Path.of(x.getRequestURI().getPath()).getFileName().toString();
            Files.write(uploads.resolve(name), x.getRequestBody().readAllBytes());
            reply(x, new byte[0], "text/plain");
        });
        http.start();
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        // Chromium gathers only on the interface of the default route, and names it with an mDNS
        // .local name: give this (private) namespace a default route so the browser offers such
        // candidates, as it does on a player's machine.
        boolean added;
        try {
            added = new ProcessBuilder("ip", "route", "add", "default", "via", GATEWAY, "dev", "gdwrtc0")
                            .start()
                            .waitFor()
                    == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            added = false;
        }
        routeAdded = added;
        List<String> cmd = new ArrayList<>(List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile));
        cmd.addAll(flags);
        cmd.add("http://127.0.0.1:" + http.getAddress().getPort() + "/" + page + "?" + query);
        browser = Rig.Proc.start("chromium", cmd, Map.of());
    }

    /** A file of tests/network by its name, nothing else. */
    private void serve(HttpExchange x) throws IOException {
        String name = x.getRequestURI().getPath().substring(1);
        Path file = PAGES.resolve(name).normalize();
        if (name.isEmpty() || name.contains("/") || !Files.isRegularFile(file)) {
            x.sendResponseHeaders(404, -1);
            x.close();
            return;
        }
        reply(x, Files.readAllBytes(file), name.endsWith(".js") ? "text/javascript" : "text/html");
    }

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
        return reports() + "\n" + browser.output();
    }

    /** The page's reports so far, one a line. */
    public String reports() {
        synchronized (reports) {
            return String.join("\n", reports);
        }
    }

    /** Waits until a report contains {@code text}; false if none did within the timeout. */
    public boolean waitForReport(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!reports().contains(text)) {
            if (System.nanoTime() > deadline || !browser.process.isAlive()) {
                return reports().contains(text);
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The candidate lines the page sent. */
    public List<String> candidates() {
        synchronized (candidates) {
            return List.copyOf(candidates);
        }
    }

    /** Whether the default route was added, so Chromium gathered (mDNS) candidates as on a player's machine. */
    public boolean routeAdded() {
        return routeAdded;
    }

    /** Where POST /upload/NAME put its files. */
    public Path uploads() {
        return uploads;
    }

    @Override
    public void close() throws Exception {
        browser.process.destroyForcibly();
        browser.process.waitFor();
        http.stop(0);
        if (routeAdded) {
            new ProcessBuilder("ip", "route", "del", "default").start().waitFor();
        }
    }

    private static void reply(HttpExchange x, byte[] body, String type) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(body);
        }
    }
}
