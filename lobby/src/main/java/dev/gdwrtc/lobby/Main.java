package dev.gdwrtc.lobby;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `java -jar gdwrtc-lobby.jar [options]`: one lobby node (docs/lobby.md). */
@Command(
        name = "gdwrtc-lobby",
        mixinStandardHelpOptions = true,
        version = "gdwrtc-lobby 0.1",
        sortOptions = false,
        subcommands = TokenCommand.class,
        description = "The signalling lobby of Godot's webrtc_signaling demo protocol; in memory, or shared by many"
                + " nodes through Redis.")
public final class Main implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @Option(names = "--port", defaultValue = "9080", description = "WebSocket port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--admin-port", defaultValue = "9081",
            description = "Port of /health and /metrics (on --bind; -1: none, 0: any free one). Default: ${DEFAULT-VALUE}.")
    int adminPort;

    @Option(names = "--redis", description = "Share lobbies with other nodes through this Redis, e.g. redis://127.0.0.1:6379.")
    String redis;

    @Option(names = "--redis-prefix", defaultValue = "gdwrtc:", description = "Prefix of the keys and channels. Default: ${DEFAULT-VALUE}.")
    String redisPrefix;

    @Option(names = "--node-name", description = "This node's name in Redis (unique; default: random).")
    String nodeName;

    @Option(names = "--tls-cert", description = "PEM certificate chain: serve wss:// (with --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", description = "PEM private key (PKCS#8) of --tls-cert.")
    Path tlsKey;

    @Option(names = "--token-secret-file", description = "Require ?token= (HMAC-SHA256, with expiry) signed with this file's secret.")
    Path tokenSecretFile;

    @Option(names = "--max-message", defaultValue = "65536", description = "Largest message, bytes. Default: ${DEFAULT-VALUE}.")
    int maxMessage;

    @Option(names = "--max-connections", defaultValue = "10000", description = "Connections on this node. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--max-lobbies", defaultValue = "4096", description = "Open lobbies (all nodes). Default: ${DEFAULT-VALUE}.")
    int maxLobbies;

    @Option(names = "--max-lobbies-per-address", defaultValue = "32",
            description = "Open lobbies hosted from one IP address. Default: ${DEFAULT-VALUE}.")
    int maxLobbiesPerAddress;

    @Option(names = "--max-lobby-peers", defaultValue = "64", description = "Peers in one lobby. Default: ${DEFAULT-VALUE}.")
    int maxLobbyPeers;

    @Option(names = "--rate", defaultValue = "50", description = "Messages per second per connection, on average. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--burst", defaultValue = "200", description = "Messages a connection may send at once. Default: ${DEFAULT-VALUE}.")
    int burst;

    @Option(names = "--max-unsent", defaultValue = "1048576",
            description = "Bytes queued for a connection that does not read them before it is closed. Default: ${DEFAULT-VALUE}.")
    int maxUnsent;

    @Option(names = "--threads", defaultValue = "0",
            description = "Event loop threads of the WebSocket port (0: one per processor). Default: ${DEFAULT-VALUE}.")
    int threads;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Limits limits = new Limits(maxMessage, maxConnections, maxLobbies, maxLobbiesPerAddress, maxLobbyPeers, rate, burst, maxUnsent);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--tls-cert and --tls-key go together");
        }
        SslContext tls = tlsCert == null ? null : SslContextBuilder.forServer(tlsCert.toFile(), tlsKey.toFile()).build();
        Tokens tokens = tokenSecretFile == null ? null : new Tokens(Files.readAllBytes(tokenSecretFile));
        String node = nodeName != null ? nodeName : UUID.randomUUID().toString();
        LobbyServer server = new LobbyServer(threads);
        LobbyStore store = redis == null ? new MemoryStore(limits) : new RedisStore(redis, redisPrefix, node, limits, server.loops());
        Metrics metrics = new Metrics();
        metrics.lobbies(store);
        Hub hub = new Hub(store, limits, tokens, metrics);
        store.start(hub, hub::closeAll);
        int bound = server.start(new InetSocketAddress(bind, port), hub, limits, tls);
        AdminServer admin = adminPort < 0 ? null : new AdminServer(new InetSocketAddress(bind, adminPort), store, metrics);
        log.atInfo()
                .addKeyValue("url", (tls == null ? "ws://" : "wss://") + bind + ":" + bound)
                .addKeyValue("admin", admin == null ? "none" : "http://" + bind + ":" + admin.port())
                .addKeyValue("store", redis == null ? "memory" : "redis")
                .addKeyValue("node", node)
                .log("listening");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            // The connections first (their peers leave), then the store, then the loops it shares.
            server.disconnect();
            if (admin != null) {
                admin.close();
            }
            store.close();
            server.close();
            stopped.countDown();
        }, "lobby-stop"));
        stopped.await();
        return 0;
    }
}
