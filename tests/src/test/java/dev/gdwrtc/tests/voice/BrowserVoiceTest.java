package dev.gdwrtc.tests.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.HeadlessChromium;
import dev.gdwrtc.tests.Rig;
import dev.gdwrtc.tests.SignalRelay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Voice between headless Chromium and a headless Godot process with WebRTCVoiceChat
 * (tests/network/browser_voice.html, tests/godot/browser_voice.gd), either side offering: the
 * browser's microphone is Chromium's fake capture playing a tone the test wrote, Godot's is its
 * generated tone and clicks; each records what it receives and must hear the other's pitch.
 * Gaps and click latency both ways are printed.
 */
class BrowserVoiceTest {
    static final int RATE = Heard.RATE, BROWSER_HZ = 440, GODOT_HZ = 660, TONE_S = 4, CLICKS = 4;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "Godot offers: {0}")
    @ValueSource(booleans = {true, false})
    void chromiumAndGodotHearEachOther(boolean godotOffers) throws Exception {
        Path project = Rig.project(tmp.resolve("project"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        // Two seconds hold whole periods of 440 Hz: Chromium loops the file without a seam. A
        // click (30 ms of 2 kHz, whole periods too) at its middle: the page logs when its
        // microphone captured each, Godot when each reached its stream.
        Path wav = tmp.resolve("browser_tone.wav");
        short[] loop = Audio.tone(BROWSER_HZ, 0.5, 0, 2 * RATE, RATE);
        short[] click = Audio.tone(2000, 0.3, 0, 3 * RATE / 100, RATE);
        for (int i = 0; i < click.length; i++) {
            loop[RATE + i] += click[i];
        }
        Wav.write(wav, loop, RATE);
        Path browserOut;
        try (HeadlessChromium browser = new HeadlessChromium(
                tmp.resolve("browser"),
                "browser_voice.html",
                "offer=" + (godotOffers ? "0" : "1"),
                List.of(
                        "--use-fake-device-for-media-stream",
                        "--use-fake-ui-for-media-stream",
                        "--use-file-for-fake-audio-capture=" + wav,
                        "--autoplay-policy=no-user-gesture-required"))) {
            String godot = SignalRelay.run(
                    project,
                    "browser_voice.gd",
                    browser,
                    "--offer",
                    godotOffers ? "1" : "0",
                    "--out",
                    out.toString(),
                    "--name",
                    "G",
                    "--freq",
                    Integer.toString(GODOT_HZ),
                    "--tone",
                    Integer.toString(TONE_S),
                    "--clicks",
                    Integer.toString(CLICKS),
                    "--linger",
                    "1",
                    // The browser's steady tone as the echo canceller's reference silences Godot's
                    // (docs/voice.md, "Limits"); Chromium's is off too (browser_voice.html).
                    "--echo-cancellation",
                    "0");
            assertTrue(godot.contains("godot: voice of peer 2 at 48000 Hz"), godot);
            assertTrue(!godot.contains("ERROR") && !godot.contains("add_ice_candidate failed"), godot);
            browser.send("{\"type\":\"stop\"}");
            assertTrue(
                    browser.waitForReport("browser: uploaded", 30), "the page uploaded nothing:\n" + browser.output());
            System.out.println("voice browser: "
                    + browser.reports()
                            .lines()
                            .filter(l ->
                                    l.contains("recording") || l.contains("microphone") || l.contains("received audio"))
                            .toList());
            browserOut = browser.uploads();
        }
        // Godot heard the browser's tone (all along: the fake capture loops).
        Heard g = Heard.read(out, "G", 2);
        int heardFrom = g.assertTone(BROWSER_HZ, 6, 0, "voice browser to Godot");
        // The page's clicks captured once Godot was hearing it (every 2 s, the loop's length).
        List<Long> captured = VoiceTest.events(browserOut, "B", "click").stream()
                .filter(t -> t >= g.arrival(heardFrom))
                .toList();
        List<Long> clickDelay = g.clickLatencies(captured, "voice browser to Godot");
        assertTrue(
                clickDelay.size() >= 2,
                "Godot heard " + clickDelay.size() + " of the page's clicks captured since " + g.arrival(heardFrom) + ": "
                        + captured);
        // The browser heard Godot's tone, then its clicks.
        Heard b = Heard.read(browserOut, "B", 1);
        long start = VoiceTest.events(out, "G", "start").get(0);
        int onset = b.assertTone(GODOT_HZ, TONE_S, b.firstAfter(start), "voice Godot to browser");
        System.out.printf(
                "voice Godot to browser: the tone's start reached the page after %d ms%n", b.arrival(onset) - start);
        // Before Godot's tone: the browser's own voice sent back while Godot's connection started
        // (the audio module's capture, docs/voice.md "Limits"); printed.
        int early = Audio.onset(b.samples(), 0, b.firstAfter(start), 0.05);
        if (early >= 0) {
            int loud = (int) Math.round(Audio.loudSeconds(b.samples(), early, b.firstAfter(start), 0.05) * 1000);
            System.out.printf(
                    "voice Godot to browser: %d ms of sound (%d Hz) from %d ms before Godot's tone began%n",
                    loud, Audio.dominant(b.samples(), early, RATE / 20, 100, 4000, RATE), start - b.arrival(early));
        }
        List<Long> due = VoiceTest.events(out, "G", "click");
        assertEquals(CLICKS, due.size(), "clicks logged by Godot");
        List<Long> latency = b.clickLatencies(due, "voice Godot to browser");
        assertTrue(latency.size() >= CLICKS - 1, "clicks the browser heard: " + latency.size() + " of " + CLICKS);
    }
}
