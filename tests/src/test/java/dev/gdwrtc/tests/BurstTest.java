package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A game's world sync between two Godot processes: 20,000 reliable @rpc calls put in one frame
 * (tests/godot/burst/burst.gd) all arrive, in order, with no error line on either side — to our
 * class packing, to our class not packing (as a stock stack receives them), and to Godot's
 * built-in WebRTCMultiplayerPeer.
 */
class BurstTest {
    static final int COUNT = 20_000;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    private void burst(int port, String receiverImpl, boolean packing) throws Exception {
        Path project = Rig.project(tmp);
        String[] common = {"--port", Integer.toString(port), "--count", Integer.toString(COUNT), "--packing", Boolean.toString(packing)};
        Rig.Proc receiver = Rig.godotScript("receiver", project, "burst/burst.gd", Map.of(),
                concat(common, "--role", "receive", "--impl", receiverImpl));
        assertTrue(receiver.waitFor("burst: listening", 60), "receiver did not start:\n" + receiver.output());
        Rig.Proc sender = Rig.godotScript("sender", project, "burst/burst.gd", Map.of(), concat(common, "--role", "send", "--impl", "java"));
        assertTrue(sender.await(150), "sender did not finish:\n" + sender.output());
        assertTrue(receiver.await(60), "receiver did not finish:\n" + receiver.output());
        String out = sender.output() + "\n--- receiver:\n" + receiver.output();
        System.out.println(out.lines().filter(l -> l.startsWith("burst: received") || l.contains("put in one frame"))
                .map(l -> "burst (" + receiverImpl + ", packing " + packing + "): " + l).reduce("", (a, b) -> a + b + "\n").strip());
        assertEquals(0, receiver.exitCode(), out);
        assertEquals(0, sender.exitCode(), out);
        assertTrue(receiver.output().contains("burst: received " + COUNT + " in order"), out);
        assertFalse(out.contains("ERROR"), "an error line:\n" + out);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void twentyThousandRpcsInOneFrameReachOurPeer() throws Exception {
        burst(9201, "java", true);
    }

    @Test
    void twentyThousandRpcsInOneFrameReachOurPeerNotPacking() throws Exception {
        burst(9202, "java", false);
    }

    @Test
    void twentyThousandRpcsInOneFrameReachGodotsBuiltInClass() throws Exception {
        burst(9203, "builtin", false);
    }
}
