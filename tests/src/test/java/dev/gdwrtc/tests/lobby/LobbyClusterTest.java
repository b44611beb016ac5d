package dev.gdwrtc.tests.lobby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import dev.gdwrtc.tests.lobby.WsClient.Msg;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two and three lobby nodes sharing one real redis-server, as behind a TCP load balancer: peers of
 * one lobby on different nodes see each other, relay and seal; a node killed with SIGKILL has its
 * peers announced as gone (and its hosts' lobbies closed) on the others within 5 s.
 */
class LobbyClusterTest {
    static final int JOIN = 0, ID = 1, PEER_CONNECT = 2, PEER_DISCONNECT = 3, OFFER = 4, ANSWER = 5, CANDIDATE = 6, SEAL = 7;

    /** The bound: a dead node's peers are announced within this. */
    static final long DEAD_NODE_SECONDS = 5;

    @TempDir
    Path tmp;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    /** A peer that joined through {@code url}: its connection, id and lobby. */
    record Peer(WsClient ws, long id, String lobby) {}

    static Peer join(String url, String lobby) throws Exception {
        WsClient c = new WsClient(url);
        c.send(JOIN, 0, lobby);
        long id = c.expect(ID).id();
        Msg m;
        while ((m = c.next()).type() == PEER_CONNECT) {
            // the peers already there; checked through the others' view below
        }
        assertEquals(JOIN, m.type());
        return new Peer(c, id, m.data());
    }

    @Test
    void twoNodesShareLobbiesRelaysAndSeals() throws Exception {
        try (RedisServer redis = new RedisServer(tmp);
                LobbyNode n1 = new LobbyNode("node1", redis.uri());
                LobbyNode n2 = new LobbyNode("node2", redis.uri())) {
            Peer host = join(n1.url(), "");
            Peer b = join(n2.url(), host.lobby());
            assertEquals(new Msg(PEER_CONNECT, b.id(), ""), host.ws().next());
            Peer c = join(n1.url(), host.lobby());
            assertEquals(new Msg(PEER_CONNECT, c.id(), ""), host.ws().next());
            assertEquals(new Msg(PEER_CONNECT, c.id(), ""), b.ws().next());
            b.ws().send(OFFER, 1, "offer from node2");
            assertEquals(new Msg(OFFER, b.id(), "offer from node2"), host.ws().next());
            host.ws().send(ANSWER, b.id(), "answer from node1");
            assertEquals(new Msg(ANSWER, 1, "answer from node1"), b.ws().next());
            for (int i = 0; i < 10; i++) {
                c.ws().send(CANDIDATE, b.id(), "\n0\ncandidate " + i);
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(new Msg(CANDIDATE, c.id(), "\n0\ncandidate " + i), b.ws().next(), "in order across nodes");
            }
            // A peer of another lobby on the other node is out of reach.
            Peer other = join(n2.url(), "");
            Peer stranger = join(n2.url(), other.lobby());
            c.ws().send(OFFER, stranger.id(), "x");
            c.ws().expectClose(4000, "Invalid destination");
            assertEquals(new Msg(PEER_DISCONNECT, c.id(), ""), host.ws().next());
            assertEquals(new Msg(PEER_DISCONNECT, c.id(), ""), b.ws().next());
            host.ws().send(SEAL, 0, "");
            assertEquals(new Msg(SEAL, 0, ""), b.ws().next());
            WsClient late = new WsClient(n2.url());
            late.send(JOIN, 0, host.lobby());
            late.expectClose(4000, "Lobby is sealed");
            assertEquals(new WsClient.Close(1000, "Seal complete"), b.ws().closed(15));
            for (WsClient w : new WsClient[] {host.ws(), other.ws(), stranger.ws(), late}) {
                w.close();
            }
        }
    }

    @Test
    void namesAndIdsAreUniqueAcrossNodes() throws Exception {
        try (RedisServer redis = new RedisServer(tmp);
                LobbyNode n1 = new LobbyNode("node1", redis.uri());
                LobbyNode n2 = new LobbyNode("node2", redis.uri())) {
            Peer host = join(n1.url(), "");
            Set<Long> ids = new HashSet<>(Set.of(1L));
            Set<String> names = new HashSet<>(Set.of(host.lobby()));
            for (int i = 0; i < 20; i++) {
                Peer p = join((i % 2 == 0 ? n2 : n1).url(), host.lobby());
                assertTrue(ids.add(p.id()), "id " + p.id() + " given twice");
                Peer own = join((i % 2 == 0 ? n1 : n2).url(), "");
                assertTrue(names.add(own.lobby()), "lobby " + own.lobby() + " made twice");
            }
        }
    }

    @Test
    void threeNodesAndTwoOfThemKilled() throws Exception {
        try (RedisServer redis = new RedisServer(tmp);
                LobbyNode n1 = new LobbyNode("node1", redis.uri());
                LobbyNode n2 = new LobbyNode("node2", redis.uri());
                LobbyNode n3 = new LobbyNode("node3", redis.uri())) {
            Peer host = join(n1.url(), "");
            Peer b = join(n2.url(), host.lobby());
            Peer c = join(n3.url(), host.lobby());
            Peer d = join(n2.url(), host.lobby());
            // A lobby hosted on node2, with a peer on node3.
            Peer host2 = join(n2.url(), "");
            Peer e = join(n3.url(), host2.lobby());
            for (WsClient w : new WsClient[] {host.ws(), b.ws(), c.ws(), d.ws(), host2.ws(), e.ws()}) {
                drain(w);
            }
            long killed = System.nanoTime();
            n2.kill9();
            Set<Msg> expected = Set.of(new Msg(PEER_DISCONNECT, b.id(), ""), new Msg(PEER_DISCONNECT, d.id(), ""));
            assertEquals(expected, Set.of(host.ws().next(DEAD_NODE_SECONDS), host.ws().next(DEAD_NODE_SECONDS)));
            assertEquals(expected, Set.of(c.ws().next(DEAD_NODE_SECONDS), c.ws().next(DEAD_NODE_SECONDS)));
            assertEquals(new WsClient.Close(4000, "Room host has disconnected"), e.ws().closed(DEAD_NODE_SECONDS));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            System.out.println("lobby cluster: node2's peers announced " + ms + " ms after kill -9");
            // The lobby goes on through the nodes left.
            c.ws().send(OFFER, 1, "after the crash");
            assertEquals(new Msg(OFFER, c.id(), "after the crash"), host.ws().next());
            n1.kill9();
            assertEquals(new WsClient.Close(4000, "Room host has disconnected"), c.ws().closed(DEAD_NODE_SECONDS));
            WsClient late = new WsClient(n3.url());
            late.send(JOIN, 0, host.lobby());
            late.expectClose(4000, "Lobby does not exists");
        }
    }

    private static void drain(WsClient w) throws InterruptedException {
        while (w.poll(300) != null) {
            // PEER_CONNECTs of the joins above
        }
    }
}
