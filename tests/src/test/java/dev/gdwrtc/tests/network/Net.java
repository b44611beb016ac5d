package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.NetworkInterface;
import java.net.SocketException;

/** Where the network tests run: the namespace tests/netns/bin/java makes for each test JVM. */
final class Net {
    private Net() {}

    static void requireTestNamespace() throws SocketException {
        assertTrue(NetworkInterface.getByName("gdwrtc0") != null,
                "not inside the test network namespace: run through Maven (tests/netns/bin/java)");
    }
}
