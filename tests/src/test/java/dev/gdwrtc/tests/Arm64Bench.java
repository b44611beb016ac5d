package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make bench`: the arm64 addon's start time and idle memory, as Bench measures x86_64's (Godot
 * with the addon against Godot alone, tests/bench/startup.gd), in arm64 Godot under qemu-user.
 * Emulated figures: qemu translates every instruction and its RSS includes its translation cache,
 * so they say whether the arm64 build starts and how it compares with Godot alone under the same
 * emulation, not what a Raspberry Pi or an ARM server measures. One round (each run takes minutes).
 */
@Tag("bench")
class Arm64Bench {
    @TempDir
    Path tmp;

    @Test
    void startAndIdleMemoryUnderEmulation() throws Exception {
        Rig.requireNamespace();
        List<String> godot = Rig.rig("godot-arm64");
        long seconds = Arm64Test.EMULATED_SECONDS;
        Map<String, Long> alone = Bench.startup(godot, "arm64-startup-alone", Bench.startupProject(tmp.resolve("alone"), false), 0, seconds);
        Map<String, Long> with = Bench.startup(godot, "arm64-startup-addon", Bench.startupProject(tmp.resolve("with"), true), 0, seconds);
        assertEquals(0L, with.get("err"), "initialize failed");
        String label = "(arm64, EMULATED by qemu-user on x86_64)";
        System.out.printf("%nbench: start and memory %s, Godot with the addon against Godot alone, one round%n", label);
        System.out.printf("%-52s %10.0f ms%n", "start: extension start added to Godot's (emulated)",
                (with.get("script_usec") - alone.get("script_usec")) / 1000.0);
        System.out.printf("%-52s %10.0f ms%n", "start: first connection object ready after (emulated)", with.get("ready_usec") / 1000.0);
        System.out.printf("%-52s %10.1f MiB%n", "memory: idle process RSS added (emulated)",
                (with.get("idle_rss_kib") - alone.get("idle_rss_kib")) / 1024.0);
        System.out.printf("%-52s %10.1f MiB%n", "memory: idle process RSS, Godot alone (emulated)", alone.get("idle_rss_kib") / 1024.0);
    }
}
