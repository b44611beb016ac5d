package dev.gdwrtc.tests.lobby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss://: a node with --tls-cert/--tls-key (a certificate openssl makes), joined over TLS. */
class LobbyTlsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @Test
    void joinsOverTls() throws Exception {
        Path cert = tmp.resolve("cert.pem");
        Path key = tmp.resolve("key.pem");
        Rig.Proc openssl = Rig.Proc.start("openssl", List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString()), Map.of());
        assertTrue(openssl.await(60), "openssl did not finish");
        assertEquals(0, openssl.exitCode(), openssl.output());
        try (LobbyNode node = new LobbyNode("tls", null, "--tls-cert", cert.toString(), "--tls-key", key.toString())) {
            HttpClient http = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            String url = "wss://127.0.0.1:" + node.port;
            WsClient host = new WsClient(url, http);
            host.send(0, 0, "");
            assertEquals(1, host.expect(1).id());
            String lobby = host.expect(0).data();
            WsClient b = new WsClient(url, http);
            b.send(0, 0, lobby);
            long id = b.expect(1).id();
            b.send(4, 1, "offer over TLS");
            host.expect(2);
            assertEquals(new WsClient.Msg(4, id, "offer over TLS"), host.next());
            b.close();
            host.close();
        }
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            store.setCertificateEntry("lobby", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
