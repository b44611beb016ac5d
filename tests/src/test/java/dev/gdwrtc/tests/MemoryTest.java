package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory over a session, in real Godot processes (tests/godot/burst/memory.gd): queues give memory
 * back after a burst of large packets, and the process-wide receive bound keeps 40 flooding peers
 * that the game never reads from exhausting the heap.
 */
class MemoryTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    private Rig.Proc run(String... args) throws Exception {
        Rig.Proc godot = Rig.godotScript("memory", Rig.project(tmp), "burst/memory.gd", Map.of(), args);
        assertTrue(godot.await(400), "did not finish:\n" + godot.output());
        assertEquals(0, godot.exitCode(), godot.output());
        return godot;
    }

    private static long group(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), "no '" + regex + "' in:\n" + out);
        return Long.parseLong(m.group(1));
    }

    /** 3 channels x 1,000 packets x 200 KiB: RSS within 24 MiB of its earlier level 5-8 s after. */
    @Test
    void sendAndReceiveBuffersGiveMemoryBackAfterABurst() throws Exception {
        String out = run("--case", "rss").output();
        long grew = group(out, "after the burst \\d+ KiB \\(([+-]\\d+) KiB\\)");
        long peak = group(out, "peak ([+-]\\d+) KiB");
        System.out.println("memory: RSS over 3 x 1,000 x 200 KiB: peak +" + peak / 1024 + " MiB, 5-8 s after "
                + (grew >= 0 ? "+" : "") + grew / 1024 + " MiB");
        // The burst's peak is about +48 MiB; what stays is +13-14 MiB on an idle machine and up to +16.5
        // on a loaded one: Java heap the serial collector keeps committed until a full collection, and
        // allocator arenas. Queues that kept their peak would keep most of the +48 and fail this.
        assertTrue(grew <= 24 * 1024, "RSS stayed " + grew + " KiB above its level before the burst:\n" + out);
        assertFalse(out.contains("ERROR"), out);
    }

    /** 40 peers flood a game that never reads: connections end at the bounds; no OutOfMemoryError. */
    @Test
    void fortyFloodingPeersCannotExhaustTheHeap() throws Exception {
        String out = run("--case", "flood", "--pairs", "40", "--seconds", "120").output();
        long ended = group(out, "; (\\d+) of 80 connections were ended by the bounds");
        long unread = group(out, "; (\\d+) MiB unread");
        System.out.println("memory: 40 flooding peers: " + ended + " connections ended at the bounds, " + unread + " MiB unread");
        assertTrue(ended > 0, "the flood never reached a bound:\n" + out);
        // The process's receive bound: a quarter of the addon's 512 MiB heap.
        assertTrue(unread <= 128, unread + " MiB unread: past the process's receive bound");
        assertFalse(out.contains("OutOfMemoryError") || out.contains("heap is exhausted"), out);
    }
}
