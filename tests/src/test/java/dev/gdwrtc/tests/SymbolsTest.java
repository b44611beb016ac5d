package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libgdwrtc.so shares a process with Godot and with other extensions, each with its own C++
 * runtime: it exports its entry symbol only and needs no shared libstdc++ or libgcc_s, so no
 * symbol of theirs binds to ours or the other way round. The same for the arm64 build, read with
 * the cross binutils.
 */
class SymbolsTest {
    /**
     * A built extension, the binutils prefix that reads it, and the other native files of its
     * architecture (below the addon folder).
     */
    record Lib(String file, String tools, String bridge, String webrtc, String runtime) {
        String path() {
            return Rig.ADDON.resolve("bin").resolve(file).toString();
        }
    }

    static List<Lib> libs() {
        return List.of(new Lib("libgdwrtc.so", "", "bin/libjniGdwrtc.so", "bin/libwebrtc-java-linux-x86_64.so", "jre-amd64-linux"),
                new Lib("libgdwrtc.arm64.so", "aarch64-linux-gnu-", "bin/libjniGdwrtc.arm64.so", "bin/libwebrtc-java-linux-aarch64.so",
                        "jre-arm64-linux"));
    }

    @ParameterizedTest
    @MethodSource("libs")
    void exportsOnlyItsEntrySymbol(Lib lib) throws Exception {
        List<String> exported = run(lib.tools() + "nm", "-D", "--defined-only", "--format=just-symbols", lib.path());
        assertEquals(List.of("gdwrtc_library_init"), exported);
    }

    @ParameterizedTest
    @MethodSource("libs")
    void carriesItsOwnCxxRuntime(Lib lib) throws Exception {
        List<String> needed = run(lib.tools() + "readelf", "-d", lib.path()).stream().filter(l -> l.contains("(NEEDED)")).toList();
        assertFalse(needed.isEmpty());
        for (String line : needed) {
            assertFalse(line.contains("libstdc++") || line.contains("libgcc_s"), String.join("\n", needed));
        }
        // No C++ symbol is left for another library to satisfy (weak ones stay unbound when absent).
        List<String> undefined = run(lib.tools() + "nm", "-D", "--undefined-only", lib.path());
        assertTrue(undefined.stream().noneMatch(s -> s.startsWith("U _Z")), String.join("\n", undefined));
    }

    @ParameterizedTest
    @MethodSource("libs")
    void loadsOnGlibc235(Lib lib) throws Exception {
        // Ubuntu 22.04's glibc: the static C++ runtime must not raise the floor (glibc_floor.cpp).
        List<String> newer = run(lib.tools() + "objdump", "-T", lib.path()).stream()
                .filter(l -> l.matches(".*\\(GLIBC_2\\.(3[6-9]|[4-9][0-9])\\).*")).toList();
        assertEquals(List.of(), newer);
    }

    @ParameterizedTest
    @MethodSource("libs")
    void everyNativeFileOfTheArchitectureLoadsOnGlibc235(Lib lib) throws Exception {
        // The floor docs/platforms.md states: the bundled runtime's too (Debian 12's JDK, not sid's).
        List<String> files = new ArrayList<>(List.of(lib.bridge(), lib.webrtc(), lib.runtime() + "/bin/java"));
        try (Stream<Path> all = Files.walk(Rig.ADDON.resolve(lib.runtime()))) {
            all.filter(f -> f.toString().endsWith(".so")).forEach(f -> files.add(Rig.ADDON.relativize(f).toString()));
        }
        for (String f : files) {
            List<String> newer = run(lib.tools() + "objdump", "-T", Rig.ADDON.resolve(f).toString()).stream()
                    .filter(l -> l.matches(".*\\(GLIBC_2\\.(3[6-9]|[4-9][0-9])\\).*")).toList();
            assertEquals(List.of(), newer, f);
        }
    }

    @Test
    void arm64LibrariesLoadWithPagesUpTo64KiB() throws Exception {
        // Raspberry Pi 5's kernel uses 16 KiB pages, some ARM servers 64 KiB: every LOAD segment of
        // the arm64 libraries must be aligned to 64 KiB.
        for (String file : List.of("libgdwrtc.arm64.so", "libjniGdwrtc.arm64.so", "libwebrtc-java-linux-aarch64.so")) {
            List<String> loads = run("aarch64-linux-gnu-readelf", "-lW", Rig.ADDON.resolve("bin").resolve(file).toString()).stream()
                    .filter(l -> l.startsWith("LOAD")).toList();
            assertFalse(loads.isEmpty(), file);
            for (String load : loads) {
                long align = Long.decode(load.substring(load.lastIndexOf(' ') + 1));
                assertTrue(align >= 0x10000, file + ": " + load);
            }
        }
    }

    private static List<String> run(String... cmd) throws Exception {
        Rig.Proc p = Rig.Proc.start(cmd[0], List.of(cmd), Map.of());
        assertTrue(p.await(60), cmd[0] + " did not finish");
        assertEquals(0, p.exitCode(), p.output());
        return Arrays.stream(p.output().split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
