package dev.gdwrtc.core;

import static dev.gdwrtc.core.GodotError.ERR_BUSY;
import static dev.gdwrtc.core.GodotError.ERR_DOES_NOT_EXIST;
import static dev.gdwrtc.core.GodotError.ERR_INVALID_PARAMETER;
import static dev.gdwrtc.core.GodotError.ERR_OUT_OF_MEMORY;
import static dev.gdwrtc.core.GodotError.ERR_UNAUTHORIZED;
import static dev.gdwrtc.core.GodotError.ERR_UNAVAILABLE;
import static dev.gdwrtc.core.GodotError.ERR_UNCONFIGURED;
import static dev.gdwrtc.core.GodotError.FAILED;
import static dev.gdwrtc.core.GodotError.OK;
import static dev.gdwrtc.core.WebRtcMultiplayer.CONNECTION_CONNECTED;
import static dev.gdwrtc.core.WebRtcMultiplayer.CONNECTION_CONNECTING;
import static dev.gdwrtc.core.WebRtcMultiplayer.CONNECTION_DISCONNECTED;
import static dev.gdwrtc.core.WebRtcMultiplayer.CONNECTION_SUCCEEDED;
import static dev.gdwrtc.core.WebRtcMultiplayer.PEER_CONNECTED;
import static dev.gdwrtc.core.WebRtcMultiplayer.PEER_DISCONNECTED;
import static dev.gdwrtc.core.WebRtcMultiplayer.SERVER_DISCONNECTED;
import static dev.gdwrtc.core.WebRtcMultiplayer.TRANSFER_MODE_RELIABLE;
import static dev.gdwrtc.core.WebRtcMultiplayer.TRANSFER_MODE_UNRELIABLE;
import static dev.gdwrtc.core.WebRtcMultiplayer.TRANSFER_MODE_UNRELIABLE_ORDERED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.FakeTransport.Chan;
import dev.gdwrtc.core.FakeTransport.Conn;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebRtcMultiplayerTest {

    @BeforeEach
    void clearMessage() {
        GodotError.takeLastMessage();
        while (GodotError.takePrint() != null) {
            // drop what earlier tests queued
        }
    }

    // ------------------------------------------------------------------ helpers

    private static WebRtcMultiplayer mesh(int id, int... config) {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        assertEquals(OK, mp.createMesh(id, config));
        return mp;
    }

    /** Mesh peer 1 whose owner holds the peers' objects, as the GDExtension's. */
    private static WebRtcMultiplayer ownerMesh() {
        WebRtcMultiplayer mp = WebRtcMultiplayer.heldByOwner();
        assertEquals(OK, mp.createMesh(1, null));
        return mp;
    }

    private static Conn add(WebRtcMultiplayer mp, int id) {
        Conn c = new Conn();
        assertEquals(OK, mp.addPeer(c, id, 1));
        return c;
    }

    /** Drains the events and compares them to (type, id) pairs. */
    private static void assertEvents(WebRtcMultiplayer mp, int... expected) {
        List<int[]> events = mp.takeEvents();
        int[] flat = new int[events.size() * 2];
        for (int i = 0; i < events.size(); i++) {
            flat[2 * i] = events.get(i)[0];
            flat[2 * i + 1] = events.get(i)[1];
        }
        assertArrayEquals(expected, flat, "events");
    }

    /** The packet in native memory, as the C ABI passes it. */
    private static int put(WebRtcMultiplayer mp, byte[] src, int off, int len) {
        long address = NativeMemory.allocate(Math.max(len, 1));
        try {
            NativeMemory.write(src, off, address, len);
            return mp.putPacket(address, len);
        } finally {
            NativeMemory.free(address);
        }
    }

    /** The next packet through native memory, as the C ABI reads it. */
    private static int get(WebRtcMultiplayer mp, byte[] dst, int off, int cap) {
        long address = NativeMemory.allocate(Math.max(cap, 1));
        try {
            int n = mp.getPacket(address, cap);
            if (n > 0) {
                NativeMemory.read(address, dst, off, n);
            }
            return n;
        } finally {
            NativeMemory.free(address);
        }
    }

    private static byte[] read(WebRtcMultiplayer mp) {
        byte[] buf = new byte[64];
        int n = get(mp, buf, 0, buf.length);
        assertTrue(n >= 0, "getPacket failed: " + n);
        return java.util.Arrays.copyOf(buf, n);
    }

    private static String message() {
        return GodotError.takeLastMessage();
    }

    /** The oldest message queued for printing (a call that went on or returned a value). */
    private static String printed() {
        String m = GodotError.takePrint();
        return m == null ? "" : m;
    }

    // ------------------------------------------------------------------ creation

    @Test
    void createServerIsConnectedServerWithRelay() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        assertEquals(CONNECTION_DISCONNECTED, mp.connectionStatus());
        assertFalse(mp.isServerRelaySupported());
        assertEquals(OK, mp.createServer(null));
        assertEquals(CONNECTION_CONNECTED, mp.connectionStatus());
        assertEquals(1, mp.uniqueId());
        assertTrue(mp.isServer());
        assertTrue(mp.isServerRelaySupported());
        assertEvents(mp);
    }

    @Test
    void createClientValidatesIdAndStartsConnecting() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        assertEquals(ERR_INVALID_PARAMETER, mp.createClient(1, null));
        assertEquals("Clients cannot have ID 1.", message());
        assertEquals(ERR_INVALID_PARAMETER, mp.createClient(0, null));
        assertTrue(message().contains("between 1 and 2147483647"));
        assertEquals(ERR_INVALID_PARAMETER, mp.createClient(-7, new int[0]));
        assertEquals(CONNECTION_DISCONNECTED, mp.connectionStatus());

        assertEquals(OK, mp.createClient(Integer.MAX_VALUE, new int[0]));
        assertEquals(CONNECTION_CONNECTING, mp.connectionStatus());
        assertEquals(Integer.MAX_VALUE, mp.uniqueId());
        assertFalse(mp.isServer());
        assertTrue(mp.isServerRelaySupported());
    }

    @Test
    void createMeshValidatesIdAndIsConnectedWithoutRelay() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        assertEquals(ERR_INVALID_PARAMETER, mp.createMesh(0, null));
        assertEquals(ERR_INVALID_PARAMETER, mp.createMesh(Integer.MIN_VALUE, null));
        assertEquals(CONNECTION_DISCONNECTED, mp.connectionStatus());
        assertEquals(OK, mp.createMesh(1, null));
        assertTrue(mp.isServer());
        assertEquals(OK, mp.createMesh(7, null));
        assertFalse(mp.isServer());
        assertEquals(7, mp.uniqueId());
        assertEquals(CONNECTION_CONNECTED, mp.connectionStatus());
        assertFalse(mp.isServerRelaySupported());
    }

    @Test
    void invalidChannelsConfigIsRejectedAndLeavesPeerUninitialized() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        assertEquals(ERR_INVALID_PARAMETER, mp.createServer(new int[] {2, 3}));
        assertEquals("The 'channels_config' array must contain only enum values from "
                + "'MultiplayerPeer.TransferMode'. Got: 3", message());
        assertEquals(ERR_INVALID_PARAMETER, mp.createMesh(4, new int[] {Integer.MIN_VALUE}));
        assertEquals("The 'channels_config' array must contain only enum values from "
                + "'MultiplayerPeer.TransferMode'", message());
        assertEquals(ERR_INVALID_PARAMETER, mp.createClient(4, new int[] {-1}));
        assertEquals(CONNECTION_DISCONNECTED, mp.connectionStatus());
        assertEquals(ERR_UNCONFIGURED, mp.addPeer(new Conn(), 2, 1));
    }

    @Test
    void reinitializingIsAllowedAsInGodotAndKeepsPeers() {
        WebRtcMultiplayer mp = mesh(3);
        Conn c = add(mp, 2);
        assertEquals(OK, mp.createServer(null));
        assertEquals(1, mp.uniqueId());
        assertTrue(mp.hasPeer(2));
        assertSame(c, mp.peerConnection(2));
        assertEquals(OK, mp.createClient(5, null));
        assertEquals(CONNECTION_CONNECTING, mp.connectionStatus());
    }

    @Test
    void failedReinitializationKeepsModeButResetsExtraChannels() {
        WebRtcMultiplayer mp = mesh(3, TRANSFER_MODE_RELIABLE);
        assertEquals(ERR_INVALID_PARAMETER, mp.createMesh(3, new int[] {TRANSFER_MODE_UNRELIABLE, 9}));
        // As Godot: the already valid entries of the failed call replaced the old configuration.
        assertEquals(CONNECTION_CONNECTED, mp.connectionStatus());
        Conn c = add(mp, 2);
        assertEquals(4, c.channels.size());
        assertFalse(c.channel(4).config.ordered());
    }

    // ------------------------------------------------------------------ add_peer

    @Test
    void addPeerCreatesGodotsChannelsInOrder() {
        WebRtcMultiplayer mp = mesh(1, TRANSFER_MODE_UNRELIABLE, TRANSFER_MODE_UNRELIABLE_ORDERED, TRANSFER_MODE_RELIABLE);
        Conn c = new Conn();
        assertEquals(OK, mp.addPeer(c, 2, 7));
        assertEquals(6, c.channels.size());
        String[] labels = {"reliable", "ordered", "unreliable", "4", "5", "6"};
        int[] ids = {1, 2, 3, 4, 5, 6};
        boolean[] ordered = {true, true, false, false, true, true};
        int[] lifetimes = {-1, 7, 7, 1, 1, -1};
        for (int i = 0; i < 6; i++) {
            Chan ch = c.channels.get(i);
            assertEquals(labels[i], ch.label, "label " + i);
            assertEquals(ids[i], ch.config.id(), "id " + i);
            assertTrue(ch.config.negotiated(), "negotiated " + i);
            assertEquals(ordered[i], ch.config.ordered(), "ordered " + i);
            assertEquals(lifetimes[i], ch.config.maxPacketLifeTime(), "lifetime " + i);
            assertEquals(-1, ch.config.maxRetransmits(), "retransmits " + i);
        }
        List<DataChannel> chans = mp.peerChannels(2);
        assertEquals(6, chans.size());
        for (int i = 0; i < 6; i++) {
            assertSame(c.channels.get(i), chans.get(i));
        }
        assertSame(c, mp.peerConnection(2));
        assertFalse(mp.peerConnected(2));
        assertTrue(mp.hasPeer(2));
    }

    @Test
    void addPeerZeroLifetimeIsPassedThrough() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c = new Conn();
        assertEquals(OK, mp.addPeer(c, 2, 0));
        assertEquals(0, c.channel(2).config.maxPacketLifeTime());
        assertEquals(0, c.channel(3).config.maxPacketLifeTime());
    }

    @Test
    void addPeerBeforeInitializationIsUnconfigured() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        Conn c = new Conn();
        assertEquals(ERR_UNCONFIGURED, mp.addPeer(c, 2, 1));
        assertTrue(message().contains("not initialized"));
        assertTrue(c.channels.isEmpty());
    }

    @Test
    void addPeerChecksModeIdsAndArguments() {
        WebRtcMultiplayer client = new WebRtcMultiplayer();
        client.createClient(2, null);
        assertEquals(ERR_INVALID_PARAMETER, client.addPeer(new Conn(), 3, 1));
        assertTrue(message().contains("only add the server"));
        assertEquals(OK, client.addPeer(new Conn(), 1, 1));

        WebRtcMultiplayer server = new WebRtcMultiplayer();
        server.createServer(null);
        assertEquals(ERR_INVALID_PARAMETER, server.addPeer(new Conn(), 1, 1));
        assertTrue(message().contains("ID 1"));
        assertEquals(ERR_INVALID_PARAMETER, server.addPeer(new Conn(), 0, 1));
        assertEquals(ERR_INVALID_PARAMETER, server.addPeer(new Conn(), -2, 1));
        assertTrue(message().contains("between 1 and 2147483647"));
        assertEquals(ERR_INVALID_PARAMETER, server.addPeer(new Conn(), 2, -1));
        assertTrue(message().contains("lifetime"));
        assertEquals(ERR_INVALID_PARAMETER, server.addPeer(null, 2, 1));
        assertTrue(message().contains("null"));
        Conn connecting = new Conn();
        connecting.state = PeerConnection.STATE_CONNECTING;
        assertEquals(ERR_INVALID_PARAMETER, server.addPeer(connecting, 2, 1));
        assertTrue(message().contains("STATE_NEW"));
        assertTrue(connecting.channels.isEmpty());
        assertEquals(0, server.peerIds().length);
        assertEquals(OK, server.addPeer(new Conn(), Integer.MAX_VALUE, 1));

        WebRtcMultiplayer m = mesh(5);
        assertEquals(OK, m.addPeer(new Conn(), 1, 1));
        assertEquals(ERR_INVALID_PARAMETER, m.addPeer(new Conn(), 0, 1));
    }

    @Test
    void refuseNewConnectionsMakesAddPeerUnauthorized() {
        WebRtcMultiplayer mp = mesh(1);
        assertFalse(mp.isRefusingNewConnections());
        mp.setRefuseNewConnections(true);
        assertTrue(mp.isRefusingNewConnections());
        Conn c = new Conn();
        assertEquals(ERR_UNAUTHORIZED, mp.addPeer(c, 2, 1));
        assertTrue(message().contains("refusing"));
        assertTrue(c.channels.isEmpty());
        // Godot checks the refusal before the connection itself.
        assertEquals(ERR_UNAUTHORIZED, mp.addPeer(null, 2, 1));
        mp.setRefuseNewConnections(false);
        assertEquals(OK, mp.addPeer(c, 2, 1));
    }

    @Test
    void addPeerFailsWhenAChannelCannotBeCreated() {
        for (String label : new String[] {"reliable", "ordered", "unreliable", "4"}) {
            WebRtcMultiplayer mp = mesh(1, TRANSFER_MODE_RELIABLE);
            Conn c = new Conn();
            c.failLabel = label;
            assertEquals(FAILED, mp.addPeer(c, 2, 1), label);
            String msg = message();
            assertTrue(msg.contains("'" + label + "'") && msg.contains("fake refusal"), msg);
            assertFalse(mp.hasPeer(2));
            for (Chan ch : c.channels) {
                assertEquals(DataChannel.STATE_CLOSED, ch.state, "channel created before the failure is released");
            }
        }
    }

    @Test
    void addingAnExistingIdReplacesItInPlaceWithoutSignals() {
        WebRtcMultiplayer mp = mesh(1);
        Conn a = add(mp, 2);
        add(mp, 3);
        a.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 2);
        Conn b = add(mp, 2);
        assertArrayEquals(new int[] {2, 3}, mp.peerIds());
        assertSame(b, mp.peerConnection(2));
        assertFalse(mp.peerConnected(2));
        assertEquals(DataChannel.STATE_CLOSED, a.channel(1).state);
        assertEquals(0, a.closeCalls);
        assertEvents(mp);
        b.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 2);
    }

    // ------------------------------------------------------------------ peers map

    @Test
    void peerLookupsAndRemoval() {
        WebRtcMultiplayer mp = mesh(1);
        add(mp, 5);
        Conn c3 = add(mp, 3);
        add(mp, 9);
        assertArrayEquals(new int[] {5, 3, 9}, mp.peerIds());
        assertEquals(OK, mp.removePeer(3));
        assertArrayEquals(new int[] {5, 9}, mp.peerIds());
        assertEquals(DataChannel.STATE_CLOSED, c3.channel(1).state);
        assertEquals(0, c3.closeCalls, "the connection belongs to the caller");
        assertEvents(mp); // never connected: no signal
        add(mp, 3);
        assertArrayEquals(new int[] {5, 9, 3}, mp.peerIds());

        assertEquals(ERR_DOES_NOT_EXIST, mp.removePeer(4));
        assertTrue(message().contains("4"));
        assertFalse(mp.hasPeer(4));
        assertNull(mp.peerConnection(4));
        assertTrue(message().contains("4"));
        assertTrue(mp.peerChannels(4).isEmpty());
        assertFalse(mp.peerConnected(4));
    }

    @Test
    void removingAConnectedPeerSignalsDisconnection() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c = add(mp, 2);
        c.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 2);
        assertEquals(OK, mp.removePeer(2));
        assertEvents(mp, PEER_DISCONNECTED, 2);
        assertEquals(CONNECTION_CONNECTED, mp.connectionStatus());
        assertEquals(0, c.closeCalls);
    }

    // ------------------------------------------------------------------ poll

    @Test
    void peerConnectsOnlyWhenConnectionAndAllChannelsAreOpen() {
        WebRtcMultiplayer mp = mesh(1, TRANSFER_MODE_RELIABLE);
        Conn c = add(mp, 2);
        mp.poll();
        assertEvents(mp);
        c.state = PeerConnection.STATE_CONNECTING;
        mp.poll();
        assertEvents(mp);
        c.state = PeerConnection.STATE_CONNECTED;
        for (int id = 1; id <= 3; id++) {
            c.channel(id).state = DataChannel.STATE_OPEN;
        }
        mp.poll(); // extra channel 4 still connecting
        assertEvents(mp);
        assertFalse(mp.peerConnected(2));
        c.channel(4).state = DataChannel.STATE_OPEN;
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 2);
        assertTrue(mp.peerConnected(2));
        mp.poll();
        assertEvents(mp);
    }

    @Test
    void channelsOpenButConnectionNotConnectedIsNotConnected() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c = add(mp, 2);
        c.open();
        c.state = PeerConnection.STATE_CONNECTING;
        mp.poll();
        assertEvents(mp);
        assertFalse(mp.peerConnected(2));
    }

    @Test
    void failedDisconnectedOrClosedConnectionsAreRemoved() {
        int[] states = {PeerConnection.STATE_DISCONNECTED, PeerConnection.STATE_FAILED, PeerConnection.STATE_CLOSED};
        for (int state : states) {
            WebRtcMultiplayer mp = mesh(1);
            Conn connected = add(mp, 2);
            Conn pending = add(mp, 3);
            connected.open();
            mp.poll();
            assertEvents(mp, PEER_CONNECTED, 2);
            connected.state = state;
            pending.state = state;
            mp.poll();
            assertEvents(mp, PEER_DISCONNECTED, 2); // 3 was never connected: removed silently
            assertEquals(0, mp.peerIds().length);
        }
    }

    @Test
    void aClosedChannelRemovesThePeer() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c = add(mp, 2);
        c.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 2);
        c.channel(3).state = DataChannel.STATE_CLOSING;
        mp.poll();
        assertEvents(mp, PEER_DISCONNECTED, 2);
        assertFalse(mp.hasPeer(2));
    }

    @Test
    void pollHandlesRemovalsBeforeAdditionsInMapOrder() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c4 = add(mp, 4);
        Conn c2 = add(mp, 2);
        Conn c6 = add(mp, 6);
        Conn c3 = add(mp, 3);
        c2.open();
        c6.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 2, PEER_CONNECTED, 6);
        c6.state = PeerConnection.STATE_FAILED;
        c2.state = PeerConnection.STATE_CLOSED;
        c3.open();
        c4.open();
        mp.poll();
        assertEvents(mp, PEER_DISCONNECTED, 2, PEER_DISCONNECTED, 6, PEER_CONNECTED, 4, PEER_CONNECTED, 3);
        assertArrayEquals(new int[] {4, 3}, mp.peerIds());
    }

    @Test
    void pollDoesNotPollConnections() {
        WebRtcMultiplayer mp = mesh(1);
        int[] polls = {0};
        Conn c = new Conn() {
            @Override public int poll(java.util.function.Consumer<Event> sink) {
                polls[0]++;
                return OK;
            }
        };
        assertEquals(OK, mp.addPeer(c, 2, 1));
        mp.poll();
        assertEquals(0, polls[0]);
    }

    // ------------------------------------------------------------------ client

    @Test
    void clientStatusFollowsTheServerPeer() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        mp.createClient(4, null);
        Conn server = add(mp, 1);
        mp.poll();
        assertEquals(CONNECTION_CONNECTING, mp.connectionStatus());
        server.state = PeerConnection.STATE_CONNECTED;
        mp.poll();
        assertEquals(CONNECTION_CONNECTING, mp.connectionStatus(), "channels still connecting");
        server.open();
        mp.poll();
        assertEquals(CONNECTION_CONNECTED, mp.connectionStatus());
        assertEvents(mp, PEER_CONNECTED, 1); // Godot 4: no connection_succeeded
        assertEquals(4, mp.uniqueId());

        server.state = PeerConnection.STATE_DISCONNECTED;
        mp.poll();
        assertEvents(mp, PEER_DISCONNECTED, 1);
        assertEquals(CONNECTION_DISCONNECTED, mp.connectionStatus());
        assertEquals(1, mp.uniqueId(), "Godot answers 1 while disconnected");
        assertTrue(printed().contains("not connected"));
        byte[] data = {1};
        assertEquals(ERR_UNCONFIGURED, put(mp, data, 0, 1));
    }

    @Test
    void clientStaysConnectingWhenTheServerFailsBeforeConnecting() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        mp.createClient(4, null);
        Conn server = add(mp, 1);
        server.state = PeerConnection.STATE_FAILED;
        mp.poll();
        assertFalse(mp.hasPeer(1));
        assertEvents(mp);
        assertEquals(CONNECTION_CONNECTING, mp.connectionStatus(), "as Godot: only a connected server changes the status");
    }

    @Test
    void clientRemovingTheServerDisconnects() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        mp.createClient(4, null);
        add(mp, 1).open();
        mp.poll();
        mp.takeEvents();
        assertEquals(OK, mp.removePeer(1));
        assertEvents(mp, PEER_DISCONNECTED, 1);
        assertEquals(CONNECTION_DISCONNECTED, mp.connectionStatus());
    }

    // ------------------------------------------------------------------ disconnect_peer

    @Test
    void disconnectPeerClosesAndPollRemoves() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c = add(mp, 2);
        c.open();
        mp.poll();
        mp.takeEvents();
        assertEquals(OK, mp.disconnectPeer(2, false));
        assertEquals(1, c.closeCalls);
        assertTrue(mp.hasPeer(2));
        assertEvents(mp);
        mp.poll();
        assertEvents(mp, PEER_DISCONNECTED, 2);
        assertFalse(mp.hasPeer(2));
        assertEquals(ERR_DOES_NOT_EXIST, mp.disconnectPeer(2, false));
        assertEquals(ERR_DOES_NOT_EXIST, mp.disconnectPeer(2, true));
        assertTrue(message().contains("2"));
    }

    @Test
    void forcedDisconnectDropsWithoutSignals() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c = add(mp, 2);
        c.open();
        mp.poll();
        mp.takeEvents();
        assertEquals(OK, mp.disconnectPeer(2, true));
        assertFalse(mp.hasPeer(2));
        assertEquals(0, c.closeCalls);
        assertEquals(DataChannel.STATE_CLOSED, c.channel(1).state);
        mp.poll();
        assertEvents(mp);
        assertEquals(CONNECTION_CONNECTED, mp.connectionStatus());

        WebRtcMultiplayer client = new WebRtcMultiplayer();
        client.createClient(3, null);
        add(client, 1).open();
        client.poll();
        client.takeEvents();
        assertEquals(OK, client.disconnectPeer(1, true));
        assertEquals(CONNECTION_DISCONNECTED, client.connectionStatus());
        assertEvents(client);
    }

    // ------------------------------------------------------------------ reading

    @Test
    void readingIsRoundRobinAcrossPeers() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c2 = add(mp, 2);
        Conn c3 = add(mp, 3);
        Conn c4 = add(mp, 4);
        c2.open();
        c3.open();
        c4.open();
        c2.channel(1).receive((byte) 20).receive((byte) 21).receive((byte) 22);
        c3.channel(1).receive((byte) 30);
        c4.channel(1).receive((byte) 40).receive((byte) 41);
        assertEquals(0, mp.availablePacketCount(), "no peer selected before the first poll");
        mp.poll();
        assertEquals(6, mp.availablePacketCount());
        int[] expectedPeers = {2, 3, 4, 2, 4, 2};
        int[] expectedBytes = {20, 30, 40, 21, 41, 22};
        for (int i = 0; i < expectedPeers.length; i++) {
            assertEquals(expectedPeers[i], mp.packetPeer(), "peer of packet " + i);
            assertEquals(expectedBytes[i], read(mp)[0], "packet " + i);
        }
        assertEquals(0, mp.availablePacketCount());
        assertEquals(0, mp.packetPeer());
        assertEquals(-ERR_UNAVAILABLE, get(mp, new byte[4], 0, 4));
        assertEquals("No packet available.", message());
    }

    @Test
    void roundRobinResumesAfterTheLastPeerRead() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c2 = add(mp, 2);
        Conn c3 = add(mp, 3);
        c2.open();
        c3.open();
        mp.poll();
        c3.channel(1).receive((byte) 30);
        mp.poll(); // nothing selected before: selects 3
        assertEquals(3, mp.packetPeer());
        c2.channel(1).receive((byte) 20);
        c3.channel(1).receive((byte) 31);
        assertEquals(30, read(mp)[0]);
        // After 3 (last in the map) the search wraps to 2.
        assertEquals(2, mp.packetPeer());
        assertEquals(20, read(mp)[0]);
        assertEquals(3, mp.packetPeer());
        assertEquals(31, read(mp)[0]);
    }

    @Test
    void packetChannelAndModeFollowTheChannelRead() {
        WebRtcMultiplayer mp = mesh(1, TRANSFER_MODE_UNRELIABLE, TRANSFER_MODE_RELIABLE);
        Conn c = add(mp, 2);
        c.open();
        mp.poll();
        c.channel(5).receive((byte) 5);
        c.channel(4).receive((byte) 4);
        c.channel(3).receive((byte) 3);
        c.channel(2).receive((byte) 2);
        c.channel(1).receive((byte) 1);
        mp.poll();
        int[] bytes = {1, 2, 3, 4, 5};
        int[] channels = {0, 0, 0, 1, 2};
        int[] modes = {TRANSFER_MODE_RELIABLE, TRANSFER_MODE_UNRELIABLE_ORDERED, TRANSFER_MODE_UNRELIABLE,
                TRANSFER_MODE_UNRELIABLE, TRANSFER_MODE_RELIABLE};
        for (int i = 0; i < 5; i++) {
            assertEquals(2, mp.packetPeer());
            assertEquals(channels[i], mp.packetChannel(), "channel " + i);
            assertEquals(modes[i], mp.packetMode(), "mode " + i);
            assertEquals(1, mp.nextPacketSize());
            assertEquals(bytes[i], read(mp)[0]);
        }
        assertEquals(-1, mp.nextPacketSize());
    }

    @Test
    void packetModeBeforeInitializationIsReliableWithAMessage() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        assertEquals(TRANSFER_MODE_RELIABLE, mp.packetMode());
        assertTrue(printed().contains("out of bounds"));
        assertEquals(0, mp.packetChannel());
        assertEquals(0, mp.packetPeer());
        assertEquals(-1, mp.nextPacketSize());
    }

    @Test
    void packetsOfPeersNotYetConnectedAreNotSurfaced() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c2 = add(mp, 2);
        Conn c3 = add(mp, 3);
        c2.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 2);
        c3.open();
        c3.state = PeerConnection.STATE_CONNECTING; // channels open, peer_connected not emitted yet
        c3.channel(1).receive((byte) 30);
        c2.channel(1).receive((byte) 20);
        mp.poll();
        assertEquals(1, mp.availablePacketCount());
        assertEquals(20, read(mp)[0]);
        assertEquals(0, mp.availablePacketCount());
        assertEquals(0, mp.packetPeer());
        c3.state = PeerConnection.STATE_CONNECTED;
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 3);
        assertEquals(3, mp.packetPeer());
        assertEquals(30, read(mp)[0]);
    }

    @Test
    void tooSmallBufferKeepsThePacketNext() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c2 = add(mp, 2);
        Conn c3 = add(mp, 3);
        c2.open();
        c3.open();
        c2.channel(1).receive(new byte[] {1, 2, 3, 4, 5});
        c3.channel(1).receive((byte) 9);
        mp.poll();
        assertEquals(2, mp.packetPeer());
        assertEquals(5, mp.nextPacketSize());
        byte[] small = new byte[4];
        assertEquals(-ERR_OUT_OF_MEMORY, get(mp, small, 0, 4));
        assertTrue(message().contains("5 bytes"));
        assertEquals(2, mp.packetPeer(), "still next");
        assertEquals(5, mp.nextPacketSize());
        byte[] big = new byte[8];
        assertEquals(5, get(mp, big, 2, 6));
        assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 4, 5, 0}, big);
        assertEquals(3, mp.packetPeer());
    }

    @Test
    void getPacketIntoNativeMemory() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c = add(mp, 2);
        c.open();
        c.channel(2).receive(new byte[] {7, 8, 9});
        mp.poll();
        long mem = NativeMemory.allocate(16);
        try {
            assertEquals(-ERR_OUT_OF_MEMORY, mp.getPacket(mem, 2));
            assertEquals(3, mp.getPacket(mem, 16));
            byte[] out = new byte[3];
            NativeMemory.read(mem, out, 0, 3);
            assertArrayEquals(new byte[] {7, 8, 9}, out);
            assertEquals(-ERR_UNAVAILABLE, mp.getPacket(mem, 16));
        } finally {
            NativeMemory.free(mem);
        }
    }

    @Test
    void getPacketRejectsBadBuffers() {
        WebRtcMultiplayer mp = mesh(1);
        assertEquals(-ERR_INVALID_PARAMETER, mp.getPacket(0L, 10));
        assertEquals(-ERR_INVALID_PARAMETER, mp.getPacket(64L, -1));
        assertTrue(message().contains("buffer"));
    }

    @Test
    void removingTheSelectedPeerInPollSelectsAnother() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c2 = add(mp, 2);
        Conn c3 = add(mp, 3);
        c2.open();
        c3.open();
        c2.channel(1).receive((byte) 20);
        c3.channel(1).receive((byte) 30);
        mp.poll();
        assertEquals(2, mp.packetPeer());
        c2.state = PeerConnection.STATE_CLOSED;
        mp.poll();
        assertEquals(3, mp.packetPeer());
        assertEquals(1, mp.availablePacketCount());
        assertEquals(30, read(mp)[0]);
    }

    @Test
    void removePeerOfTheSelectedPeerLeavesAStaleSelectionAsGodot() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c2 = add(mp, 2);
        Conn c3 = add(mp, 3);
        c2.open();
        c3.open();
        c2.channel(1).receive((byte) 20);
        c3.channel(1).receive((byte) 30);
        mp.poll();
        assertEquals(2, mp.packetPeer());
        mp.removePeer(2);
        assertEquals(2, mp.packetPeer());
        assertEquals(1, mp.availablePacketCount());
        assertEquals(-ERR_UNAVAILABLE, get(mp, new byte[4], 0, 4));
        assertEquals(3, mp.packetPeer());
        assertEquals(30, read(mp)[0]);
    }

    @Test
    void getPacketReadsTheSelectedChannelSoTheModeReportedIsThePacketsOwn() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c = add(mp, 2);
        c.open();
        mp.poll();
        c.channel(3).receive((byte) 3, (byte) 3);
        mp.poll();
        assertEquals(TRANSFER_MODE_UNRELIABLE, mp.packetMode());
        // A reliable packet arrives after the unreliable one was selected (libwebrtc's thread
        // queues it at any time). Godot would read it now under packet_mode UNRELIABLE, so a game
        // echoing in the reported mode sent a reliable packet unreliably; it stays next in line.
        c.channel(1).receive((byte) 1);
        assertEquals(2, mp.nextPacketSize());
        assertEquals(3, read(mp)[0]);
        assertEquals(TRANSFER_MODE_RELIABLE, mp.packetMode());
        assertEquals(1, mp.nextPacketSize());
        assertEquals(1, read(mp)[0]);
    }

    @Test
    void aSelectedChannelEmptiedBehindTheReaderFallsBackToThePeersFirstChannelWithAPacket() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c = add(mp, 2);
        c.open();
        mp.poll();
        c.channel(3).receive((byte) 3);
        mp.poll();
        c.channel(1).receive((byte) 1);
        c.channel(3).inbox.clear(); // a script read the channel through get_peer()
        assertEquals(1, read(mp)[0]);
    }

    @Test
    void readingAReplacedSelectedPeerIsErrBugAsGodot() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c = add(mp, 2);
        c.open();
        c.channel(1).receive((byte) 20);
        mp.poll();
        assertEquals(2, mp.packetPeer());
        add(mp, 2); // replaces the entry in place; the selection still names peer 2
        assertEquals(2, mp.packetPeer());
        assertEquals(0, mp.availablePacketCount());
        assertEquals(-1, mp.nextPacketSize());
        assertEquals(-GodotError.ERR_BUG, get(mp, new byte[4], 0, 4));
        assertEquals(0, mp.packetPeer());
    }

    // ------------------------------------------------------------------ writing

    @Test
    void targetPeersSelectTheRecipients() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c2 = add(mp, 2).open();
        Conn c3 = add(mp, 3).open();
        Conn c4 = add(mp, 4).open();
        byte[] data = {1, 2, 3};

        mp.setTargetPeer(0);
        assertEquals(OK, put(mp, data, 0, 3));
        assertEquals(1, c2.channel(1).sent.size());
        assertEquals(1, c3.channel(1).sent.size());
        assertEquals(1, c4.channel(1).sent.size());

        mp.setTargetPeer(3);
        assertEquals(OK, put(mp, data, 1, 2));
        assertEquals(1, c2.channel(1).sent.size());
        assertArrayEquals(new byte[] {2, 3}, c3.channel(1).sent.get(1));
        assertEquals(1, c4.channel(1).sent.size());

        mp.setTargetPeer(-3);
        assertEquals(OK, put(mp, data, 0, 1));
        assertEquals(2, c2.channel(1).sent.size());
        assertEquals(2, c3.channel(1).sent.size());
        assertEquals(2, c4.channel(1).sent.size());

        mp.setTargetPeer(9);
        assertEquals(ERR_INVALID_PARAMETER, put(mp, data, 0, 3));
        assertEquals("Invalid target peer: 9.", message());

        mp.setTargetPeer(-9); // excludes nobody
        assertEquals(OK, put(mp, data, 0, 3));
        assertEquals(3, c3.channel(1).sent.size());
    }

    @Test
    void busyChannelPropagatesForOnePeerOnly() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c2 = add(mp, 2).open();
        Conn c3 = add(mp, 3).open();
        c2.channel(1).busy = true;
        byte[] data = {1};
        mp.setTargetPeer(2);
        assertEquals(ERR_BUSY, put(mp, data, 0, 1));
        mp.setTargetPeer(0);
        assertEquals(ERR_BUSY, put(mp, data, 0, 1), "a reliable packet one peer refused is not lost silently");
        assertTrue(message().contains("peer 2"));
        assertEquals(1, c3.channel(1).sent.size(), "the other peers still get it");
        c2.channel(1).busy = false;
        assertEquals(OK, put(mp, data, 0, 1));
        assertEquals(2, c3.channel(1).sent.size());
    }

    @Test
    void sendingToAPeerNotYetOpenReturnsTheChannelError() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c2 = add(mp, 2);
        Conn c3 = add(mp, 3).open();
        byte[] data = {1};
        mp.setTargetPeer(2);
        assertEquals(ERR_UNCONFIGURED, put(mp, data, 0, 1));
        mp.setTargetPeer(0);
        assertEquals(OK, put(mp, data, 0, 1));
        assertEquals(0, c2.channel(1).sent.size());
        assertEquals(1, c3.channel(1).sent.size());
    }

    @Test
    void transferModeAndChannelPickTheDataChannel() {
        WebRtcMultiplayer mp = mesh(1, TRANSFER_MODE_UNRELIABLE);
        Conn c = add(mp, 2).open();
        assertEquals(TRANSFER_MODE_RELIABLE, mp.transferMode());
        assertEquals(0, mp.transferChannel());
        mp.setTargetPeer(2);
        byte[] data = {1};
        int[][] modeToChannelId = {{TRANSFER_MODE_RELIABLE, 1}, {TRANSFER_MODE_UNRELIABLE_ORDERED, 2},
                {TRANSFER_MODE_UNRELIABLE, 3}, {17, 1}};
        for (int[] m : modeToChannelId) {
            mp.setTransferMode(m[0]);
            assertEquals(m[0], mp.transferMode());
            int before = c.channel(m[1]).sent.size();
            assertEquals(OK, put(mp, data, 0, 1));
            assertEquals(before + 1, c.channel(m[1]).sent.size(), "mode " + m[0]);
        }
        mp.setTransferMode(TRANSFER_MODE_UNRELIABLE);
        mp.setTransferChannel(1);
        assertEquals(1, mp.transferChannel());
        assertEquals(OK, put(mp, data, 0, 1));
        assertEquals(1, c.channel(4).sent.size(), "channel 1 is the first extra channel, whatever the mode");

        mp.setTransferChannel(2);
        assertEquals(ERR_INVALID_PARAMETER, put(mp, data, 0, 1));
        assertEquals("Unable to send packet on channel 4, max channels: 4", message());
        // As Godot, channel N uses index N + 2: -1 lands on the "ordered" channel, -3 is out of range.
        mp.setTransferChannel(-1);
        int ordered = c.channel(2).sent.size();
        assertEquals(OK, put(mp, data, 0, 1));
        assertEquals(ordered + 1, c.channel(2).sent.size());
        mp.setTransferChannel(-3);
        assertEquals(ERR_INVALID_PARAMETER, put(mp, data, 0, 1));
        assertEquals("Unable to send packet on channel -1, max channels: 4", message());
        mp.setTransferChannel(Integer.MAX_VALUE);
        assertEquals(ERR_INVALID_PARAMETER, put(mp, data, 0, 1));

        mp.setTransferChannel(2);
        mp.setTargetPeer(0);
        assertEquals(OK, put(mp, data, 0, 1), "broadcast skips peers without the channel");
        assertTrue(printed().contains("Unable to send packet on channel 4"));
    }

    @Test
    void putPacketFromNativeMemory() {
        WebRtcMultiplayer mp = mesh(1);
        Conn c = add(mp, 2).open();
        long mem = NativeMemory.allocate(4);
        try {
            NativeMemory.write(new byte[] {4, 5, 6, 7}, 0, mem, 4);
            mp.setTargetPeer(2);
            assertEquals(OK, mp.putPacket(mem, 4));
            mp.setTargetPeer(0);
            assertEquals(OK, mp.putPacket(mem, 2));
            assertArrayEquals(new byte[] {4, 5, 6, 7}, c.channel(1).sent.get(0));
            assertArrayEquals(new byte[] {4, 5}, c.channel(1).sent.get(1));
            mp.setTargetPeer(8);
            assertEquals(ERR_INVALID_PARAMETER, mp.putPacket(mem, 2));
        } finally {
            NativeMemory.free(mem);
        }
        assertEquals(ERR_INVALID_PARAMETER, mp.putPacket(0L, 3));
        assertEquals(ERR_INVALID_PARAMETER, mp.putPacket(16L, -1));
    }

    @Test
    void putPacketChecksStatusAndBuffer() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        assertEquals(ERR_UNCONFIGURED, put(mp, new byte[1], 0, 1));
        assertEquals(ERR_UNCONFIGURED, mp.putPacket(64L, 1));
        assertTrue(message().contains("not connected"));
        mp.createMesh(1, null);
        assertEquals(ERR_INVALID_PARAMETER, mp.putPacket(0L, 1));
        assertEquals(ERR_INVALID_PARAMETER, mp.putPacket(64L, -1));
        assertEquals(OK, put(mp, new byte[2], 0, 2), "broadcast to nobody");
    }

    @Test
    void clientSendsWhileConnecting() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        mp.createClient(2, null);
        add(mp, 1);
        mp.setTargetPeer(1);
        assertEquals(ERR_UNCONFIGURED, put(mp, new byte[1], 0, 1), "channel not open yet");
        assertEquals(CONNECTION_CONNECTING, mp.connectionStatus());
    }

    @Test
    void maxPacketSizeIsGodots() {
        assertEquals(1200, new WebRtcMultiplayer().maxPacketSize());
    }

    // ------------------------------------------------------------------ end to end

    @Test
    void serverAndClientExchangePacketsOverLinkedConnections() {
        WebRtcMultiplayer server = new WebRtcMultiplayer();
        WebRtcMultiplayer client = new WebRtcMultiplayer();
        assertEquals(OK, server.createServer(new int[] {TRANSFER_MODE_UNRELIABLE_ORDERED}));
        assertEquals(OK, client.createClient(2, new int[] {TRANSFER_MODE_UNRELIABLE_ORDERED}));
        Conn[] pair = FakeTransport.pair();
        assertEquals(OK, server.addPeer(pair[0], 2, 1));
        assertEquals(OK, client.addPeer(pair[1], 1, 1));
        pair[0].open();
        pair[1].open();
        server.poll();
        client.poll();
        assertEvents(server, PEER_CONNECTED, 2);
        assertEvents(client, PEER_CONNECTED, 1);
        assertEquals(CONNECTION_CONNECTED, client.connectionStatus());

        client.setTargetPeer(1);
        client.setTransferChannel(1);
        assertEquals(OK, put(client, new byte[] {42, 43}, 0, 2));
        client.setTransferChannel(0);
        client.setTransferMode(TRANSFER_MODE_UNRELIABLE);
        assertEquals(OK, put(client, new byte[] {44}, 0, 1));
        server.poll();
        assertEquals(2, server.availablePacketCount());
        assertEquals(2, server.packetPeer());
        assertEquals(TRANSFER_MODE_UNRELIABLE, server.packetMode());
        assertEquals(0, server.packetChannel());
        assertArrayEquals(new byte[] {44}, read(server));
        assertEquals(1, server.packetChannel());
        assertEquals(TRANSFER_MODE_UNRELIABLE_ORDERED, server.packetMode());
        assertArrayEquals(new byte[] {42, 43}, read(server));

        server.setTargetPeer(0);
        assertEquals(OK, put(server, new byte[] {5}, 0, 1));
        client.poll();
        assertEquals(1, client.packetPeer());
        assertArrayEquals(new byte[] {5}, read(client));
    }

    // ------------------------------------------------------------------ Godot 3 initialize

    @Test
    void initializeWithoutCompatibilityIsAPlainMesh() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        assertEquals(ERR_INVALID_PARAMETER, mp.initialize(0, false));
        assertEquals(OK, mp.initialize(3, false));
        assertEquals(CONNECTION_CONNECTED, mp.connectionStatus());
        assertFalse(mp.isServerRelaySupported());
        assertEquals(3, mp.uniqueId());
        Conn c2 = add(mp, 2);
        Conn c1 = add(mp, 1);
        c2.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 2);
        c1.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 1); // no connection_succeeded
        c1.state = PeerConnection.STATE_CLOSED;
        mp.poll();
        assertEvents(mp, PEER_DISCONNECTED, 1); // no server_disconnected
        assertEquals(CONNECTION_CONNECTED, mp.connectionStatus());
    }

    @Test
    void serverCompatibilityHoldsPeersUntilTheServerConnects() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        assertEquals(OK, mp.initialize(3, true));
        assertEquals(CONNECTION_CONNECTING, mp.connectionStatus());
        assertEquals(3, mp.uniqueId());
        Conn c2 = add(mp, 2);
        Conn c4 = add(mp, 4);
        Conn c1 = add(mp, 1);
        c2.open();
        c2.channel(1).receive((byte) 20);
        mp.poll();
        assertEvents(mp);
        assertTrue(mp.peerConnected(2));
        assertEquals(0, mp.availablePacketCount(), "no packet from a peer not reported yet");
        assertEquals(0, mp.packetPeer());
        assertEquals(CONNECTION_CONNECTING, mp.connectionStatus());

        c4.open();
        c1.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 1, CONNECTION_SUCCEEDED, 0, PEER_CONNECTED, 2, PEER_CONNECTED, 4);
        assertEquals(CONNECTION_CONNECTED, mp.connectionStatus());
        assertEquals(2, mp.packetPeer());
        assertEquals(20, read(mp)[0]);

        Conn c5 = add(mp, 5);
        c5.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 5);

        c1.state = PeerConnection.STATE_FAILED;
        mp.poll();
        assertEvents(mp, PEER_DISCONNECTED, 1, SERVER_DISCONNECTED, 0);
        assertEquals(CONNECTION_CONNECTED, mp.connectionStatus());
        byte[] data = {1};
        assertEquals(OK, put(mp, data, 0, 1));
        assertEquals(1, c2.channel(1).sent.size());

        Conn c6 = add(mp, 6);
        c6.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 6);
    }

    @Test
    void serverCompatibilityServerConnectingFirst() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        mp.initialize(3, true);
        Conn c1 = add(mp, 1);
        Conn c2 = add(mp, 2);
        c1.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 1, CONNECTION_SUCCEEDED, 0);
        c2.open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 2);
    }

    @Test
    void serverCompatibilityHeldBackPeerLeavesSilently() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        mp.initialize(3, true);
        Conn c2 = add(mp, 2);
        add(mp, 1);
        c2.open();
        mp.poll();
        c2.state = PeerConnection.STATE_DISCONNECTED;
        mp.poll();
        assertEvents(mp);
        assertFalse(mp.hasPeer(2));
        assertEquals(CONNECTION_CONNECTING, mp.connectionStatus());
        assertEquals(OK, mp.removePeer(1));
        assertEvents(mp);
    }

    @Test
    void serverCompatibilityServerReturning() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        mp.initialize(3, true);
        add(mp, 2).open();
        add(mp, 1).open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 1, CONNECTION_SUCCEEDED, 0, PEER_CONNECTED, 2);
        assertEquals(OK, mp.removePeer(1));
        assertEvents(mp, PEER_DISCONNECTED, 1, SERVER_DISCONNECTED, 0);
        add(mp, 1).open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 1, CONNECTION_SUCCEEDED, 0);
    }

    @Test
    void serverCompatibilityAsPeerOneIsConnectedAtOnce() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        assertEquals(OK, mp.initialize(1, true));
        assertEquals(CONNECTION_CONNECTED, mp.connectionStatus());
        assertTrue(mp.isServer());
        add(mp, 2).open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 2);
    }

    @Test
    void createAfterInitializeDropsCompatibility() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        mp.initialize(3, true);
        mp.createMesh(3, null);
        assertEquals(CONNECTION_CONNECTED, mp.connectionStatus());
        add(mp, 2).open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 2);
    }

    // ------------------------------------------------------------------ close

    @Test
    void closeDropsEverythingWithoutSignals() {
        WebRtcMultiplayer mp = new WebRtcMultiplayer();
        mp.createServer(new int[] {TRANSFER_MODE_RELIABLE});
        Conn c2 = add(mp, 2).open();
        Conn c3 = add(mp, 3);
        mp.poll();
        mp.takeEvents();
        c2.channel(1).receive((byte) 1);
        mp.poll();
        mp.setTargetPeer(2);
        mp.setTransferMode(TRANSFER_MODE_UNRELIABLE);
        mp.setTransferChannel(1);
        mp.setRefuseNewConnections(true);

        mp.close();
        assertEvents(mp);
        assertEquals(CONNECTION_DISCONNECTED, mp.connectionStatus());
        assertEquals(0, mp.peerIds().length);
        assertEquals(0, mp.packetPeer());
        assertEquals(0, mp.availablePacketCount());
        assertFalse(mp.isServer());
        assertFalse(mp.isServerRelaySupported());
        assertEquals(1, mp.uniqueId());
        assertEquals(DataChannel.STATE_CLOSED, c2.channel(1).state);
        assertEquals(DataChannel.STATE_CLOSED, c3.channel(4).state);
        assertEquals(0, c2.closeCalls);
        assertEquals(ERR_UNCONFIGURED, put(mp, new byte[1], 0, 1));
        assertEquals(ERR_UNCONFIGURED, mp.addPeer(new Conn(), 2, 1));
        // Base-class properties survive close(), as in Godot.
        assertEquals(TRANSFER_MODE_UNRELIABLE, mp.transferMode());
        assertEquals(1, mp.transferChannel());
        assertTrue(mp.isRefusingNewConnections());

        // The target peer was reset: a broadcast, not "Invalid target peer: 2.".
        mp.setRefuseNewConnections(false);
        mp.setTransferChannel(0);
        mp.createMesh(4, null);
        assertEquals(OK, put(mp, new byte[1], 0, 1));
        Conn c = add(mp, 2);
        assertEquals(3, c.channels.size(), "extra channels were cleared by close()");
    }

    @Test
    void ownerClosedChannelsStayOpenWhenTheirPeerIsDropped() {
        // The GDExtension's mode: Godot closes a channel when its last reference goes, so one a
        // script still holds survives remove_peer, disconnect_peer(force), replacement and close.
        WebRtcMultiplayer mp = ownerMesh();
        Conn c2 = add(mp, 2).open();
        Conn c3 = add(mp, 3).open();
        Conn c4 = add(mp, 4).open();
        Conn c5 = add(mp, 5).open();
        mp.poll();
        mp.takeEvents();
        // The owner hears of every entry that left the map, by entry handle (2, 3, 4, 5 were
        // entries 1 to 4, 4's replacement entry 5), each after its signals: Godot holds a removed
        // peer until its peer_disconnected handlers returned.
        mp.removePeer(2);
        assertEvents(mp, PEER_DISCONNECTED, 2, PeerEvents.PEER_RELEASED, 1);
        mp.disconnectPeer(3, true);
        assertEvents(mp, PeerEvents.PEER_RELEASED, 2);
        add(mp, 4);
        assertEvents(mp, PeerEvents.PEER_RELEASED, 3);
        mp.close();
        assertEvents(mp, PeerEvents.PEER_RELEASED, 5, PeerEvents.PEER_RELEASED, 4);
        for (Conn c : new Conn[] {c2, c3, c4, c5}) {
            assertEquals(DataChannel.STATE_OPEN, c.channel(1).state);
            assertEquals(0, c.closeCalls);
        }
    }

    @Test
    void closeDropsSignalsNotYetReadButKeepsReleases() {
        // A handler closing the peer ends the batch it is part of: nothing of the ended session
        // is reported any more, but the owner still lets go of every entry.
        WebRtcMultiplayer mp = ownerMesh();
        add(mp, 2).open();
        Conn c3 = add(mp, 3).open();
        mp.poll();
        c3.channel(1).state = DataChannel.STATE_CLOSED;
        mp.poll();
        mp.close();
        assertEvents(mp, PeerEvents.PEER_RELEASED, 2, PeerEvents.PEER_RELEASED, 1);
        WebRtcMultiplayer plain = mesh(1);
        add(plain, 2).open();
        plain.poll();
        plain.close();
        assertEvents(plain);
    }

    @Test
    void releasesNameTheEntryNotThePeerId() {
        // Two peers lost in one poll: a handler of the first's peer_disconnected may add the
        // second id back before the owner reads the second's release; that release must name the
        // old entry only.
        WebRtcMultiplayer mp = ownerMesh();
        Conn c2 = add(mp, 2).open();
        Conn c3 = add(mp, 3).open();
        mp.poll();
        assertEvents(mp, PEER_CONNECTED, 2, PEER_CONNECTED, 3);
        int old2 = mp.peerHandle(2);
        int old3 = mp.peerHandle(3);
        c2.channel(1).state = DataChannel.STATE_CLOSED;
        c3.channel(2).state = DataChannel.STATE_CLOSED;
        mp.poll();
        add(mp, 3); // what a handler of peer_disconnected(2) does
        int new3 = mp.peerHandle(3);
        assertTrue(new3 > 0 && new3 != old3, "a new entry has a handle of its own");
        assertEvents(mp, PEER_DISCONNECTED, 2, PeerEvents.PEER_RELEASED, old2,
                PEER_DISCONNECTED, 3, PeerEvents.PEER_RELEASED, old3);
        assertTrue(mp.hasPeer(3));
        assertEquals(-ERR_DOES_NOT_EXIST, mp.peerHandle(2));
        assertTrue(message().contains("2"), "an unknown id is reported");
    }

    // ------------------------------------------------------------------ events

    @Test
    void drainEventsWritesPairsAndKeepsTheRest() {
        WebRtcMultiplayer mp = mesh(1);
        List<Conn> conns = new ArrayList<>();
        for (int id = 2; id < 42; id++) {
            Conn c = add(mp, id);
            c.open();
            conns.add(c);
        }
        mp.poll(); // 40 events: beyond the initial ring capacity
        assertEquals(40, mp.pendingEventCount());
        int[] out = new int[5]; // room for two events
        assertEquals(2, mp.drainEvents(out));
        assertArrayEquals(new int[] {PEER_CONNECTED, 2, PEER_CONNECTED, 3, 0}, out);
        assertEquals(38, mp.pendingEventCount());
        assertEquals(0, mp.drainEvents(new int[1]));
        for (Conn c : conns) {
            c.state = PeerConnection.STATE_CLOSED;
        }
        mp.poll();
        assertEquals(78, mp.pendingEventCount());
        int[] all = new int[200];
        assertEquals(78, mp.drainEvents(all));
        assertEquals(PEER_CONNECTED, all[0]);
        assertEquals(4, all[1]);
        assertEquals(PEER_CONNECTED, all[74]);
        assertEquals(41, all[75]);
        assertEquals(PEER_DISCONNECTED, all[76]);
        assertEquals(2, all[77]);
        assertEquals(PEER_DISCONNECTED, all[154]);
        assertEquals(41, all[155]);
        assertEquals(0, mp.pendingEventCount());
        assertEquals(0, mp.drainEvents(all));
    }

    // ------------------------------------------------------------------ allocation

    @Test
    void packetPathsDoNotAllocate() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!bean.isThreadAllocatedMemorySupported()) {
            return;
        }
        bean.setThreadAllocatedMemoryEnabled(true);
        WebRtcMultiplayer mp = mesh(1);
        List<Conn> conns = new ArrayList<>();
        for (int id = 2; id <= 5; id++) {
            Conn c = new Conn() {
                @Override public DataChannel createDataChannel(String label, ChannelConfig config) {
                    return new EndlessChannel();
                }
            };
            assertEquals(OK, mp.addPeer(c, id, 1));
            c.state = PeerConnection.STATE_CONNECTED;
            conns.add(c);
        }
        mp.poll();
        mp.takeEvents();
        byte[] buf = new byte[32];
        long mem = NativeMemory.allocate(32);
        try {
            Runnable loop = () -> {
                for (int i = 0; i < 20_000; i++) {
                    mp.setTargetPeer(i % 3 == 0 ? 0 : (i % 3 == 1 ? 3 : -3));
                    mp.putPacket(mem, 16);
                    mp.availablePacketCount();
                    mp.packetPeer();
                    mp.packetChannel();
                    mp.packetMode();
                    mp.nextPacketSize();
                    mp.getPacket(mem, 32);
                    mp.poll();
                }
            };
            loop.run(); // warm up
            long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
            loop.run();
            long allocated = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
        } finally {
            NativeMemory.free(mem);
        }
    }

    /** An always-open channel with an endless supply of 8-byte packets; allocation-free. */
    private static final class EndlessChannel implements DataChannel {
        @Override public int putPacket(byte[] src, int offset, int length) { return OK; }
        @Override public int putPacket(long address, int length) { return OK; }
        @Override public int availablePacketCount() { return 1; }
        @Override public int nextPacketSize() { return 8; }
        @Override public int getPacket(long address, int capacity) { return 8; }
        @Override public int getPacket(byte[] dst, int offset, int capacity) { return 8; }
        @Override public boolean wasStringPacket() { return false; }
        @Override public void setWriteMode(int mode) {}
        @Override public int writeMode() { return WRITE_MODE_BINARY; }
        @Override public int readyState() { return STATE_OPEN; }
        @Override public String label() { return "endless"; }
        @Override public boolean ordered() { return true; }
        @Override public int id() { return 1; }
        @Override public int maxPacketLifeTime() { return -1; }
        @Override public int maxRetransmits() { return -1; }
        @Override public String protocol() { return ""; }
        @Override public boolean negotiated() { return true; }
        @Override public int bufferedAmount() { return 0; }
        @Override public int maxPacketSize() { return 1200; }
        @Override public void close() {}
    }
}
