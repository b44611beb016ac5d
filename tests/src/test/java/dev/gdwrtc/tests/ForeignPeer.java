package dev.gdwrtc.tests;

import java.io.IOException;
import java.util.List;

/** Another WebRTC stack (aiortc, a browser) as the test's signalling relay sees it (SignalRelay). */
public interface ForeignPeer {
    /** A JSON signalling line from Godot. */
    void send(String line) throws IOException;

    /** JSON signalling lines for Godot produced since the last call. */
    List<String> take();

    /** What it printed or reported, for failure messages. */
    String output();
}
