package dev.gdwrtc.tests.lobby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import dev.gdwrtc.tests.lobby.WsClient.Msg;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of the webrtc_signaling protocol, as its demo client relies on it, against one
 * lobby node: the subclasses run them on the in-memory store and on Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LobbyProtocolCases {
    static final int JOIN = 0, ID = 1, PEER_CONNECT = 2, PEER_DISCONNECT = 3, OFFER = 4, ANSWER = 5, CANDIDATE = 6, SEAL = 7;

    @TempDir
    static Path tmp;

    LobbyNode node;
    final List<WsClient> clients = new ArrayList<>();

    /** A node of the store under test, with these extra options. */
    abstract LobbyNode start(String name, String... options) throws Exception;

    @BeforeAll
    void startNode() throws Exception {
        Rig.requireNamespace();
        node = start("lobby");
    }

    @AfterAll
    void stopNode() throws Exception {
        clients.forEach(WsClient::close);
        node.close();
    }

    WsClient client(String url) throws Exception {
        WsClient c = new WsClient(url);
        clients.add(c);
        return c;
    }

    /** A peer that joined: its id as the lobby told it, and the lobby's name. */
    record Joined(WsClient ws, long id, String lobby) {}

    Joined join(String url, String lobby, boolean mesh) throws Exception {
        WsClient c = client(url);
        c.send(JOIN, mesh ? 0 : 1, lobby);
        Msg id = c.expect(ID);
        assertEquals(mesh ? "true" : "", id.data());
        List<Msg> connects = new ArrayList<>();
        Msg m;
        while ((m = c.next()).type() == PEER_CONNECT) {
            connects.add(m);
        }
        assertEquals(JOIN, m.type(), "JOIN comes after ID and the PEER_CONNECTs: " + m);
        assertEquals(0, m.id());
        if (!lobby.isEmpty()) {
            assertEquals(lobby, m.data());
        }
        pendingConnects = connects.stream().map(Msg::id).toList();
        return new Joined(c, id.id(), m.data());
    }

    /** The PEER_CONNECTs the last {@link #join} received before its JOIN. */
    List<Long> pendingConnects = List.of();

    @Test
    void emptyJoinCreatesALobbyWithARandomNameAndMakesItsCreatorPeerOne() throws Exception {
        Joined host = join(node.url(), "", true);
        assertEquals(1, host.id());
        assertTrue(host.lobby().matches("[A-Za-z0-9]{16}"), host.lobby());
        Joined other = join(node.url(), "", true);
        assertNotEquals(host.lobby(), other.lobby());
        assertEquals(List.of(), pendingConnects);
    }

    @Test
    void meshPeersAllSeeEachOther() throws Exception {
        Joined host = join(node.url(), "", true);
        Joined b = join(node.url(), host.lobby(), true);
        assertTrue(b.id() > 1 && b.id() <= Integer.MAX_VALUE, "ids are positive int32 other than 1: " + b.id());
        assertEquals(List.of(1L), pendingConnects);
        assertEquals(b.id(), host.ws().expect(PEER_CONNECT).id());
        Joined c = join(node.url(), host.lobby(), true);
        assertEquals(Set.of(1L, b.id()), new HashSet<>(pendingConnects));
        assertEquals(c.id(), host.ws().expect(PEER_CONNECT).id());
        assertEquals(c.id(), b.ws().expect(PEER_CONNECT).id());
    }

    @Test
    void inClientServerModeClientsSeeTheHostOnly() throws Exception {
        Joined host = join(node.url(), "", false);
        assertEquals(1, host.id());
        Joined b = join(node.url(), host.lobby(), false);
        assertEquals(List.of(1L), pendingConnects);
        assertEquals(b.id(), host.ws().expect(PEER_CONNECT).id());
        Joined c = join(node.url(), host.lobby(), false);
        assertEquals(List.of(1L), pendingConnects);
        assertEquals(c.id(), host.ws().expect(PEER_CONNECT).id());
        b.ws().expectNothing(300);
        c.ws().close();
        assertEquals(new Msg(PEER_DISCONNECT, c.id(), ""), host.ws().next());
        b.ws().expectNothing(300);
    }

    /**
     * Three peers driven as the webrtc_signaling demo's client (client/ws_webrtc_client.gd,
     * multiplayer_client.gd) drives them, written from its protocol rather than its code: JOIN
     * with id 0 (mesh) once the socket opens; on PEER_CONNECT the peer with the larger id offers
     * to the one with the smaller (so the host, 1, never offers); the other answers; both send
     * candidates as "\nmid\nindex\nsdp". And every message the server sent must pass the demo
     * client's reading of it: a JSON object with "type" and "id" and a string "data", a type it
     * knows (0-7), and a candidate that splits (empty parts dropped) into exactly three parts, the
     * second an integer; else that client prints an error and drops the message.
     */
    @Test
    void aSessionAsTheDemoClientRunsItAndEveryMessageAsItReadsIt() throws Exception {
        Joined host = join(node.url(), "", true);
        Joined b = join(node.url(), host.lobby(), true);
        assertEquals(b.id(), host.ws().expect(PEER_CONNECT).id());
        Joined c = join(node.url(), host.lobby(), true);
        assertEquals(c.id(), host.ws().expect(PEER_CONNECT).id());
        assertEquals(c.id(), b.ws().expect(PEER_CONNECT).id());
        List<Joined> all = List.of(host, b, c);
        // Each pair once: the larger id offers, the smaller answers, then a candidate each way.
        for (Joined x : all) {
            for (Joined y : all) {
                if (x.id() <= y.id()) {
                    continue;
                }
                long yAsX = y.id(); // the host is addressed as 1, which it is
                x.ws().send(OFFER, yAsX, "v=0\r\no=- " + x.id() + " 2 IN IP4 127.0.0.1\r\n");
                assertEquals(new Msg(OFFER, x.id(), "v=0\r\no=- " + x.id() + " 2 IN IP4 127.0.0.1\r\n"), y.ws().next());
                y.ws().send(ANSWER, x.id(), "v=0 answer of " + y.id());
                assertEquals(new Msg(ANSWER, y.id(), "v=0 answer of " + y.id()), x.ws().next());
                String cx = "\n0\n0\ncandidate:1 1 udp 2122260223 198.18.0.1 " + (40000 + x.id() % 1000) + " typ host";
                x.ws().send(CANDIDATE, yAsX, cx);
                assertEquals(new Msg(CANDIDATE, x.id(), cx), y.ws().next());
                String cy = "\n0\n0\ncandidate:1 1 udp 2122260223 198.18.0.2 41000 typ host";
                y.ws().send(CANDIDATE, x.id(), cy);
                assertEquals(new Msg(CANDIDATE, y.id(), cy), x.ws().next());
            }
        }
        c.ws().close();
        assertEquals(new Msg(PEER_DISCONNECT, c.id(), ""), host.ws().next());
        assertEquals(new Msg(PEER_DISCONNECT, c.id(), ""), b.ws().next());
        for (Joined p : all) {
            assertTrue(p.ws().texts.size() >= 4, "what " + p.id() + " received: " + p.ws().texts);
            for (String text : p.ws().texts) {
                demoClientReads(text);
            }
        }
    }

    /** The demo client's acceptance of a message (ws_webrtc_client.gd, _parse_msg), as its protocol defines it. */
    private static void demoClientReads(String text) {
        var json = com.google.gson.JsonParser.parseString(text);
        assertTrue(json.isJsonObject(), "not an object: " + text);
        var o = json.getAsJsonObject();
        assertTrue(o.has("type") && o.get("type").isJsonPrimitive() && o.get("type").getAsJsonPrimitive().isNumber(), text);
        assertTrue(o.has("id") && o.get("id").isJsonPrimitive() && o.get("id").getAsJsonPrimitive().isNumber(), text);
        assertTrue(o.has("data") && o.get("data").isJsonPrimitive() && o.get("data").getAsJsonPrimitive().isString(), text);
        int type = o.get("type").getAsInt();
        assertTrue(type >= JOIN && type <= SEAL, "a type the demo client does not know: " + text);
        if (type == CANDIDATE) {
            List<String> parts = java.util.Arrays.stream(o.get("data").getAsString().split("\n")).filter(x -> !x.isEmpty()).toList();
            assertEquals(3, parts.size(), "a candidate the demo client cannot split: " + text);
            assertTrue(parts.get(1).matches("[+-]?[0-9]+"), "a candidate index that is not an integer: " + text);
        }
        if (type == ID) {
            assertTrue(o.get("id").getAsLong() >= 1 && o.get("id").getAsLong() <= Integer.MAX_VALUE, text);
        }
    }

    /** A mesh lobby of three (host, b, c), every PEER_CONNECT read. */
    List<Joined> meshOfThree() throws Exception {
        Joined host = join(node.url(), "", true);
        Joined b = join(node.url(), host.lobby(), true);
        host.ws().expect(PEER_CONNECT);
        Joined c = join(node.url(), host.lobby(), true);
        host.ws().expect(PEER_CONNECT);
        b.ws().expect(PEER_CONNECT);
        return List.of(host, b, c);
    }

    @Test
    void offersAnswersAndCandidatesAreRelayedWithTheSendersId() throws Exception {
        List<Joined> three = meshOfThree();
        Joined host = three.get(0), b = three.get(1), c = three.get(2);
        b.ws().send(OFFER, 1, "v=0 offer");
        assertEquals(new Msg(OFFER, b.id(), "v=0 offer"), host.ws().next());
        String awkward = "quote \" backslash \\ newline \n tab \t control \u0001 separators \u2028\u2029 accent \u00e9 emoji \ud83c\udfae";
        b.ws().send(OFFER, 1, awkward);
        assertEquals(new Msg(OFFER, b.id(), awkward), host.ws().next(), "relayed unchanged through the server's JSON");
        host.ws().send(ANSWER, b.id(), "v=0 answer");
        assertEquals(new Msg(ANSWER, 1, "v=0 answer"), b.ws().next());
        String candidate = "\n0\ncandidate:1 1 udp 2122260223 198.18.0.1 40000 typ host";
        c.ws().send(CANDIDATE, b.id(), candidate);
        assertEquals(new Msg(CANDIDATE, c.id(), candidate), b.ws().next());
        for (int i = 0; i < 20; i++) {
            b.ws().send(CANDIDATE, c.id(), "n" + i);
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(new Msg(CANDIDATE, b.id(), "n" + i), c.ws().next(), "relayed in order");
        }
        host.ws().expectNothing(200);
    }

    @Test
    void aLeavingPeerIsAnnouncedAndTheLobbyGoesOn() throws Exception {
        List<Joined> three = meshOfThree();
        Joined host = three.get(0), b = three.get(1), c = three.get(2);
        b.ws().close();
        assertEquals(new Msg(PEER_DISCONNECT, b.id(), ""), host.ws().next());
        assertEquals(new Msg(PEER_DISCONNECT, b.id(), ""), c.ws().next());
        c.ws().send(OFFER, 1, "still here");
        assertEquals(new Msg(OFFER, c.id(), "still here"), host.ws().next());
    }

    @Test
    void theHostLeavingClosesTheLobby() throws Exception {
        Joined host = join(node.url(), "", true);
        Joined b = join(node.url(), host.lobby(), true);
        Joined c = join(node.url(), host.lobby(), true);
        host.ws().close();
        b.ws().expectClose(4000, "Room host has disconnected");
        c.ws().expectClose(4000, "Room host has disconnected");
        WsClient late = client(node.url());
        late.send(JOIN, 0, host.lobby());
        late.expectClose(4000, "Lobby does not exists");
    }

    @Test
    void sealTellsEveryoneRefusesNewPeersAndClosesAllTenSecondsLater() throws Exception {
        Joined host = join(node.url(), "", true);
        Joined b = join(node.url(), host.lobby(), true);
        host.ws().expect(PEER_CONNECT);
        long sealed = System.nanoTime();
        host.ws().send(SEAL, 0, "");
        assertEquals(new Msg(SEAL, 0, ""), host.ws().next());
        assertEquals(new Msg(SEAL, 0, ""), b.ws().next());
        WsClient late = client(node.url());
        late.send(JOIN, 0, host.lobby());
        late.expectClose(4000, "Lobby is sealed");
        // Sealed peers still relay until the lobby closes (they finish connecting).
        b.ws().send(CANDIDATE, 1, "last");
        assertEquals(new Msg(CANDIDATE, b.id(), "last"), host.ws().next());
        assertEquals(new WsClient.Close(1000, "Seal complete"), b.ws().closed(15));
        assertEquals(new WsClient.Close(1000, "Seal complete"), host.ws().closed(5));
        long ms = (System.nanoTime() - sealed) / 1_000_000;
        assertTrue(ms >= 9_500 && ms < 13_000, "closed " + ms + " ms after the seal");
        assertTrue(b.ws().pings() >= 1, "the server pings every 10 s");
    }

    @Test
    void aConnectionThatDoesNotJoinWithinASecondIsClosed() throws Exception {
        WsClient idle = client(node.url());
        long start = System.nanoTime();
        idle.expectClose(4000, "Have not joined lobby yet");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 800 && ms < 3000, "closed after " + ms + " ms");
    }

    @Test
    void joiningALobbyThatDoesNotExistFails() throws Exception {
        WsClient c = client(node.url());
        c.send(JOIN, 0, "NoSuchLobby12345");
        c.expectClose(4000, "Lobby does not exists");
    }

    @Test
    void anythingButJoinBeforeJoiningFails() throws Exception {
        for (int type : new int[] {OFFER, SEAL, ID, 42}) {
            WsClient c = client(node.url());
            c.send(type, 1, "x");
            c.expectClose(4000, "Invalid message when not in a lobby");
        }
    }

    @Test
    void onlyTheHostSeals() throws Exception {
        Joined host = join(node.url(), "", true);
        Joined b = join(node.url(), host.lobby(), true);
        host.ws().expect(PEER_CONNECT);
        b.ws().send(SEAL, 0, "");
        b.ws().expectClose(4000, "Only host can seal the lobby");
        assertEquals(new Msg(PEER_DISCONNECT, b.id(), ""), host.ws().next(), "and nothing else happens");
        host.ws().expectNothing(200);
    }

    @Test
    void joiningTwiceFails() throws Exception {
        Joined host = join(node.url(), "", true);
        host.ws().send(JOIN, 0, "");
        host.ws().expectClose(4000, "Already in a lobby");
        Joined other = join(node.url(), "", true);
        Joined b = join(node.url(), other.lobby(), true);
        b.ws().send(JOIN, 0, other.lobby());
        b.ws().expectClose(4000, "Already in a lobby");
    }

    @Test
    void relayingOutsideTheLobbyFails() throws Exception {
        Joined a = join(node.url(), "", true);
        Joined a2 = join(node.url(), a.lobby(), true);
        Joined b = join(node.url(), "", true);
        Joined b2 = join(node.url(), b.lobby(), true);
        a2.ws().send(OFFER, b2.id(), "cross");
        a2.ws().expectClose(4000, "Invalid destination");
        b2.ws().expectNothing(200);
        b.ws().send(ANSWER, 12345, "nobody");
        b.ws().expectClose(4000, "Invalid destination");
        b2.ws().expectClose(4000, "Room host has disconnected");
        assertTrue(!a.ws().isClosed());
    }

    @Test
    void commandsTheServerSendsAndUnknownOnesAreInvalid() throws Exception {
        for (int type : new int[] {ID, PEER_CONNECT, PEER_DISCONNECT, 8, 1000, Integer.MAX_VALUE}) {
            Joined host = join(node.url(), "", true);
            host.ws().send(type, 0, "");
            host.ws().expectClose(4000, "Invalid command");
        }
    }

    @Test
    void malformedMessagesFail() throws Exception {
        List<String> bad = List.of(
                "not json",
                "{\"type\":0,\"id\":0,\"data\":\"\"",
                "[0,0,\"\"]",
                "\"text\"",
                "{}",
                "{\"id\":0,\"data\":\"\"}",
                "{\"type\":0,\"data\":\"\"}",
                "{\"type\":\"0\",\"id\":0,\"data\":\"\"}",
                "{\"type\":0,\"id\":-1,\"data\":\"\"}",
                "{\"type\":-4,\"id\":0,\"data\":\"\"}",
                "{\"type\":4,\"id\":2147483648,\"data\":\"\"}",
                "{\"type\":4,\"id\":1e300,\"data\":\"\"}",
                "{\"type\":4,\"id\":99999999999999999999999999999999,\"data\":\"\"}",
                "{\"type\":0.5,\"id\":0,\"data\":\"\"}",
                "{\"type\":0,\"id\":0,\"data\":5}",
                "{\"type\":0,\"id\":0,\"data\":{\"a\":1}}",
                "{\"type\":0,\"id\":0,\"data\":\"\"} trailing",
                "{type:0,id:0,data:''}",
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");
        for (String text : bad) {
            WsClient c = client(node.url());
            c.sendRaw(text);
            assertEquals(new WsClient.Close(4000, "Invalid message format"), c.closed(10), text);
        }
        Joined host = join(node.url(), "", true);
        host.ws().sendRaw("{\"type\":4,\"id\":1,\"data\":\"x\",\"extra\":[1,2]}");
        assertEquals(new Msg(OFFER, 1, "x"), host.ws().next(), "unknown fields are ignored, as the demo's server does");
        host.ws().sendRaw("{\"type\":6.0,\"id\":1.0}");
        assertEquals(new Msg(CANDIDATE, 1, ""), host.ws().next(), "whole floats are ints; no data is \"\"");
    }

    @Test
    void binaryFramesFail() throws Exception {
        Joined host = join(node.url(), "", true);
        host.ws().sendBinary("{\"type\":4,\"id\":1,\"data\":\"\"}".getBytes());
        host.ws().expectClose(4000, "Invalid transfer mode, must be text");
    }

    @Test
    void messagesOverTheSizeLimitFail() throws Exception {
        Joined host = join(node.url(), "", true);
        Joined b = join(node.url(), host.lobby(), true);
        host.ws().expect(PEER_CONNECT);
        String sdp = "a".repeat(60_000); // a large offer still passes (the limit is 64 KiB)
        b.ws().send(OFFER, 1, sdp);
        assertEquals(new Msg(OFFER, b.id(), sdp), host.ws().next());
        b.ws().send(OFFER, 1, "a".repeat(70_000));
        b.ws().expectClose(4000, "Message too large");
        assertEquals(new Msg(PEER_DISCONNECT, b.id(), ""), host.ws().next());
    }

    @Test
    void floodingFails() throws Exception {
        Joined host = join(node.url(), "", true);
        Joined b = join(node.url(), host.lobby(), true);
        for (int i = 0; i < 400 && !b.ws().isClosed(); i++) {
            try {
                b.ws().send(CANDIDATE, 1, "c" + i);
            } catch (java.util.concurrent.CompletionException e) {
                break; // the node closed it between the check and this send ("Output closed")
            }
        }
        b.ws().expectClose(4000, "Too many messages");
        assertTrue(!host.ws().isClosed());
    }

    /**
     * A peer that never reads what it is sent does not grow the node's memory: once more than
     * --max-unsent bytes wait for its socket the node queues nothing more for it and closes it
     * (4000 "Too many unread messages"); the others go on.
     */
    @Test
    void aPeerThatDoesNotReadIsClosed() throws Exception {
        try (LobbyNode n = start("slow", "--max-unsent", "65536", "--rate", "100000", "--burst", "100000")) {
            Joined host = join(n.url(), "", true);
            Joined sender = join(n.url(), host.lobby(), true);
            host.ws().expect(PEER_CONNECT);
            try (RawWs slow = new RawWs(n.url(), 4096)) {
                slow.sendText("{\"type\":0,\"id\":0,\"data\":\"" + host.lobby() + "\"}");
                long slowId = host.ws().expect(PEER_CONNECT).id();
                assertEquals(new Msg(PEER_CONNECT, slowId, ""), sender.ws().next());
                // 60 KB offers to it, far more than the kernel's buffers and the bound hold (at most
                // 300, 18 MB), until the lobby says it left; a relay racing its leaving may be
                // refused ("Invalid destination"), which closes the sender, as any relay to a peer gone.
                String sdp = "s".repeat(60_000);
                Msg left = null;
                for (int i = 0; i < 300 && left == null && !sender.ws().isClosed(); i++) {
                    try {
                        sender.ws().send(OFFER, slowId, sdp);
                    } catch (java.util.concurrent.CompletionException e) {
                        break; // closed between the check and this send: the close is checked below
                    }
                    left = sender.ws().poll(0);
                }
                if (left == null && !sender.ws().isClosed()) {
                    left = sender.ws().next(30);
                }
                if (left != null) {
                    assertEquals(new Msg(PEER_DISCONNECT, slowId, ""), left);
                } else {
                    assertEquals(new WsClient.Close(4000, "Invalid destination"), sender.ws().closed(10));
                }
                assertEquals(new Msg(PEER_DISCONNECT, slowId, ""), host.ws().next(30));
                assertTrue(!host.ws().isClosed());
                assertEquals(1.0, n.metric("lobby_errors_total{kind=\"too_many_unread_messages\"}"));
                // Read now: what was queued before the bound, then the close frame if the socket
                // took it before being dropped, and the end.
                RawWs.Ending end = slow.readToEnd();
                assertTrue(end.ended(), "the node did not drop the connection: " + end);
                assertTrue(end.messages() >= 3, "its ID, PEER_CONNECTs and JOIN came first: " + end);
                if (end.closeCode() != -1) {
                    assertEquals(4000, end.closeCode());
                    assertEquals("Too many unread messages", end.closeReason());
                }
            }
        }
    }

    @Test
    void limitsOfConnectionsLobbiesAddressesAndLobbySize() throws Exception {
        try (LobbyNode small = start("small", "--max-connections", "3", "--max-lobbies", "2", "--max-lobby-peers", "2")) {
            Joined a = join(small.url(), "", true);
            join(small.url(), a.lobby(), true);
            WsClient full = client(small.url());
            full.send(JOIN, 0, a.lobby());
            full.expectClose(4000, "Lobby is full");
            Thread.sleep(300); // the server counts it out when its socket closes
            join(small.url(), "", true);
            WsClient fourth = client(small.url());
            fourth.expectClose(4000, "Too many peers connected");
        }
        try (LobbyNode few = start("few", "--max-lobbies", "2")) {
            join(few.url(), "", true);
            join(few.url(), "", true);
            WsClient third = client(few.url());
            third.send(JOIN, 0, "");
            third.expectClose(4000, "Too many lobbies open, disconnecting");
        }
        try (LobbyNode perAddress = start("per-address", "--max-lobbies-per-address", "1")) {
            Joined a = join(perAddress.url(), "", true);
            WsClient second = client(perAddress.url());
            second.send(JOIN, 0, "");
            second.expectClose(4000, "Too many lobbies from this address");
            join(perAddress.url(), a.lobby(), true); // joining is not hosting
            a.ws().close();
            join(perAddress.url(), "", true); // its lobby closed: the address may host again
        }
    }

    @Test
    void tokensAreRequiredWhenConfigured() throws Exception {
        Path secret = tmp.resolve("secret");
        java.nio.file.Files.writeString(secret, "a-shared-secret-of-enough-bytes");
        try (LobbyNode guarded = start("guarded", "--token-secret-file", secret.toString())) {
            WsClient none = client(guarded.url());
            none.expectClose(4000, "Invalid or expired token");
            WsClient forged = client(guarded.url() + "/?token=99999999999.AAAA");
            forged.expectClose(4000, "Invalid or expired token");
            String token = TokenCli.issue(secret, 3600);
            join(guarded.url() + "/?token=" + token, "", true);
            WsClient expired = client(guarded.url() + "/?token=" + TokenCli.issue(secret, -10));
            expired.expectClose(4000, "Invalid or expired token");
        }
    }

    @Test
    void healthAndMetrics() throws Exception {
        join(node.url(), "", true);
        WsClient bad = client(node.url());
        bad.sendRaw("x");
        bad.expectClose(4000, "Invalid message format");
        var http = java.net.http.HttpClient.newHttpClient();
        var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + node.adminPort + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        var metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + node.adminPort + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        for (String name : List.of("lobby_connections ", "lobby_lobbies ", "lobby_relayed_messages_total ",
                "lobby_errors_total{kind=\"invalid_message_format\"}")) {
            assertTrue(metrics.body().contains(name), name + " missing:\n" + metrics.body());
        }
    }
}
