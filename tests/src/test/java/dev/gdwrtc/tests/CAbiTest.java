package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** tests/c/abi_test.c: the C ABI driven from C through the generated header only. */
class CAbiTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @Test
    void twoConnectionsInOneProcessExchangeDataFromC() throws Exception {
        Path binary = Rig.ROOT.resolve("build/c-test/abi_test");
        assertTrue(Files.isExecutable(binary), "run `make build/c-test/abi_test` first");
        String classPath;
        // The addon's jars, plus webrtc-java's native jar: the addon ships that library extracted
        // (loaded by its boot class), while here webrtc-java's own loader finds it in the jar.
        try (Stream<Path> jars = Stream.concat(Files.list(Rig.ADDON.resolve("lib")),
                Files.list(Rig.ROOT.resolve("jni-bridge/target/lib")).filter(j -> j.toString().endsWith("-linux-x86_64.jar")))) {
            classPath = jars.map(Path::toString).collect(Collectors.joining(":"));
        }
        Rig.Proc p = Rig.Proc.start("abi_test", List.of(binary.toString(), classPath,
                Rig.ROOT.resolve("jni-bridge/target/native").toString()), Map.of());
        assertTrue(p.await(60), "abi_test did not finish");
        assertEquals(0, p.exitCode(), p.output());
        assertTrue(p.output().contains("abi_test: ok"), p.output());
    }
}
