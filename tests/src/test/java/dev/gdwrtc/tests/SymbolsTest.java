package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * libgdwrtc.so shares a process with Godot and with other extensions, each with its own C++
 * runtime: it exports its entry symbol only and needs no shared libstdc++ or libgcc_s, so no
 * symbol of theirs binds to ours or the other way round.
 */
class SymbolsTest {
    private static final String LIB = Rig.ADDON.resolve("bin/libgdwrtc.so").toString();

    @Test
    void exportsOnlyItsEntrySymbol() throws Exception {
        List<String> exported = run("nm", "-D", "--defined-only", "--format=just-symbols", LIB);
        assertEquals(List.of("gdwrtc_library_init"), exported);
    }

    @Test
    void carriesItsOwnCxxRuntime() throws Exception {
        List<String> needed = run("readelf", "-d", LIB).stream().filter(l -> l.contains("(NEEDED)")).toList();
        assertFalse(needed.isEmpty());
        for (String line : needed) {
            assertFalse(line.contains("libstdc++") || line.contains("libgcc_s"), String.join("\n", needed));
        }
        // No C++ symbol is left for another library to satisfy (weak ones stay unbound when absent).
        List<String> undefined = run("nm", "-D", "--undefined-only", LIB);
        assertTrue(undefined.stream().noneMatch(s -> s.startsWith("U _Z")), String.join("\n", undefined));
    }

    @Test
    void loadsOnGlibc235() throws Exception {
        // Ubuntu 22.04's glibc: the static C++ runtime must not raise the floor (glibc_floor.cpp).
        List<String> newer = run("objdump", "-T", LIB).stream()
                .filter(l -> l.matches(".*\\(GLIBC_2\\.(3[6-9]|[4-9][0-9])\\).*")).toList();
        assertEquals(List.of(), newer);
    }

    private static List<String> run(String... cmd) throws Exception {
        Rig.Proc p = Rig.Proc.start(cmd[0], List.of(cmd), Map.of());
        assertTrue(p.await(60), cmd[0] + " did not finish");
        assertEquals(0, p.exitCode(), p.output());
        return Arrays.stream(p.output().split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
