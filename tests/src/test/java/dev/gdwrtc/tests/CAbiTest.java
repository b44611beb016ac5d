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
        try (Stream<Path> jars = Files.list(Rig.ADDON.resolve("lib"))) {
            classPath = jars.map(Path::toString).collect(Collectors.joining(":"));
        }
        Rig.Proc p = Rig.Proc.start("abi_test", List.of(binary.toString(), classPath,
                Rig.ROOT.resolve("jni-bridge/target/native").toString()), Map.of());
        assertTrue(p.await(60), "abi_test did not finish");
        assertEquals(0, p.exitCode(), p.output());
        assertTrue(p.output().contains("abi_test: ok"), p.output());
    }
}
