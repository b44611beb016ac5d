package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.config.RtcConfigParser;
import dev.gdwrtc.core.NativeMemory;
import dev.gdwrtc.core.WebRtcMultiplayer;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core over real webrtc-java connections (in the test JVM's own network namespace): what the
 * Godot classes rely on, without Godot.
 */
class WebRtcTransportTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    private final List<PeerConnection> opened = new ArrayList<>();
    private final List<DataChannel> receivedOnB = new ArrayList<>();

    private PeerConnection connection() {
        PeerConnection pc = WebRtcJavaRuntime.get().newPeerConnection();
        opened.add(pc);
        return pc;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(PeerConnection::close);
    }

    /** Delivers what `from` produced to `to`, as a signalling server would. */
    private void relay(PeerConnection from, PeerConnection to, List<DataChannel> received) {
        from.poll(e -> {
            if (e instanceof PeerConnection.SessionDescription d) {
                assertEquals(GodotError.OK, from.setLocalDescription(d.type(), d.sdp()));
                assertEquals(GodotError.OK, to.setRemoteDescription(d.type(), d.sdp()));
            } else if (e instanceof PeerConnection.IceCandidate c) {
                assertEquals(GodotError.OK, to.addIceCandidate(c.media(), c.index(), c.name()));
            } else if (e instanceof PeerConnection.DataChannelReceived r) {
                received.add(r.channel());
            } else {
                fail("unexpected event " + e);
            }
        });
    }

    private void pump(PeerConnection a, PeerConnection b, BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            relay(a, b, new ArrayList<>());
            relay(b, a, receivedOnB);
            Thread.sleep(2);
        }
    }

    private static byte[] read(DataChannel ch) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ch.availablePacketCount() == 0) {
            assertTrue(System.nanoTime() < deadline, "no packet on " + ch.label());
            Thread.sleep(1);
        }
        byte[] buf = new byte[Math.max(ch.nextPacketSize(), 1)];
        int n = ch.getPacket(buf, 0, buf.length);
        assertTrue(n >= 0, "getPacket failed: " + n);
        return java.util.Arrays.copyOf(buf, n);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A remote offer is answered by libwebrtc's callback once applied; closing right after must make
     * that late callback a no-op, not a call on a disposed connection (which aborted the process).
     * The JVM surviving the loop, and answering afterwards, is the assertion.
     */
    @Test
    void closingRightAfterARemoteOfferNeverAborts() throws Exception {
        PeerConnection offerer = connection();
        offerer.createDataChannel("chat", ChannelConfig.negotiated(1, true, -1));
        assertEquals(GodotError.OK, offerer.createOffer());
        String[] offer = new String[1];
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (offer[0] == null) {
            assertTrue(System.nanoTime() < deadline, "no offer");
            offerer.poll(e -> {
                if (e instanceof PeerConnection.SessionDescription d) {
                    offer[0] = d.sdp();
                }
            });
            Thread.sleep(2);
        }
        for (int i = 0; i < 1000; i++) {
            PeerConnection pc = WebRtcJavaRuntime.get().newPeerConnection();
            assertEquals(GodotError.OK, pc.setRemoteDescription("offer", offer[0]));
            pc.close();
            assertEquals(PeerConnection.STATE_CLOSED, pc.connectionState());
        }
        PeerConnection after = connection();
        assertEquals(GodotError.OK, after.setRemoteDescription("offer", offer[0]), "the core still works");
    }

    /**
     * Closing a connection closes its channels, as Godot's classes report them: libwebrtc tells a
     * channel nothing more once its connection is closed, so none may stay OPEN, nor CLOSING when
     * the remote's close of it, or this side's own, was under way.
     */
    @Test
    void closingAConnectionClosesItsChannels() throws Exception {
        String[] cases = {"open", "closed by the remote", "closed here"};
        for (String what : cases) {
            try (CorePair p = new CorePair(true, ChannelConfig.negotiated(1, true, -1))) {
                if (what.equals(cases[1])) {
                    p.ca.close();
                } else if (what.equals(cases[2])) {
                    p.cb.close();
                }
                p.b.close();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (p.cb.readyState() != DataChannel.STATE_CLOSED || p.ca.readyState() != DataChannel.STATE_CLOSED) {
                    assertTrue(System.nanoTime() < deadline, "a channel " + what + " stayed in state " + p.cb.readyState()
                            + " after its connection closed (the remote's: " + p.ca.readyState() + ")");
                    Thread.sleep(5);
                }
            }
        }
    }

    @Test
    void negotiatedChannelCarriesPacketsBothWaysInOrder() throws Exception {
        PeerConnection a = connection(), b = connection();
        DataChannel ca = a.createDataChannel("chat", ChannelConfig.negotiated(1, true, -1));
        DataChannel cb = b.createDataChannel("chat", ChannelConfig.negotiated(1, true, -1));
        assertEquals(PeerConnection.STATE_NEW, a.connectionState());
        assertEquals(GodotError.OK, a.createOffer());
        pump(a, b, () -> ca.readyState() == DataChannel.STATE_OPEN && cb.readyState() == DataChannel.STATE_OPEN, "open");
        assertEquals(PeerConnection.STATE_CONNECTED, a.connectionState());
        assertEquals(1, ca.id());
        assertTrue(ca.negotiated() && ca.ordered());

        assertEquals(GodotError.OK, ca.putPacket(utf8("ping"), 0, 4));
        assertArrayEquals(utf8("ping"), read(cb));
        assertFalse(cb.wasStringPacket());
        cb.setWriteMode(DataChannel.WRITE_MODE_TEXT);
        assertEquals(GodotError.OK, cb.putPacket(utf8("pong"), 0, 4));
        assertArrayEquals(utf8("pong"), read(ca));
        assertTrue(ca.wasStringPacket());

        // 300 KB does not fit libwebrtc's message size; 200 KB does, and stays whole.
        assertEquals(GodotError.ERR_INVALID_PARAMETER, ca.putPacket(new byte[300_000], 0, 300_000));
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        assertEquals(GodotError.OK, ca.putPacket(big, 0, big.length));
        assertArrayEquals(big, read(cb));

        for (int i = 0; i < 500; i++) {
            byte[] m = utf8("m" + i);
            assertEquals(GodotError.OK, ca.putPacket(m, 0, m.length));
        }
        for (int i = 0; i < 500; i++) {
            assertArrayEquals(utf8("m" + i), read(cb), "message " + i);
        }
    }

    /** a (packing off, so each packet is its own message, as towards a browser) to b on channel 1. */
    private DataChannel[] unpackedPair() throws Exception {
        PeerConnection a = connection(), b = connection();
        assertEquals(GodotError.OK, a.initialize(RtcConfigParser.peerConfig("{\"gdwrtcPacking\": false}")));
        DataChannel ca = a.createDataChannel("bulk", ChannelConfig.negotiated(1, true, -1));
        DataChannel cb = b.createDataChannel("bulk", ChannelConfig.negotiated(1, true, -1));
        a.createOffer();
        pump(a, b, () -> ca.readyState() == DataChannel.STATE_OPEN && cb.readyState() == DataChannel.STATE_OPEN, "open");
        return new DataChannel[] {ca, cb};
    }

    /** A game's world sync: 20,000 reliable packets put in one go are all accepted and arrive in order. */
    @Test
    void burstOfTwentyThousandReliablePacketsIsAcceptedWhole() throws Exception {
        DataChannel[] c = unpackedPair();
        byte[] m = new byte[40];
        for (int i = 0; i < 20_000; i++) {
            java.nio.ByteBuffer.wrap(m).putLong(i);
            assertEquals(GodotError.OK, c[0].putPacket(m, 0, m.length), "packet " + i + " refused");
        }
        for (long i = 0; i < 20_000; i++) {
            assertEquals(i, java.nio.ByteBuffer.wrap(read(c[1])).getLong(), "reliable packet lost or reordered");
        }
    }

    /** Past the connection's send bound (bytes, not packets) a reliable put answers ERR_BUSY and loses nothing. */
    @Test
    void fullSendBoundAnswersBusyAndLosesNothing() throws Exception {
        DataChannel[] c = unpackedPair();
        int accepted = 0, busy = 0;
        byte[] m = new byte[64 * 1024];
        // 128 MiB offered: twice the bound (64 MiB), put far faster than any network drains it.
        for (int i = 0; i < 2048 && busy == 0; i++) {
            java.nio.ByteBuffer.wrap(m).putLong(accepted);
            int err = c[0].putPacket(m, 0, m.length);
            if (err == GodotError.OK) {
                accepted++;
            } else {
                assertEquals(GodotError.ERR_BUSY, err);
                busy++;
            }
        }
        assertTrue(busy > 0, "the send bound never filled");
        assertTrue(accepted >= 64 * 1024 / 64 / 2, "refused long before the bound: " + accepted + " packets of 64 KiB");
        assertTrue(c[0].bufferedAmount() > 0);
        for (long i = 0; i < accepted; i++) {
            assertEquals(i, java.nio.ByteBuffer.wrap(read(c[1])).getLong(), "reliable packet lost or reordered");
        }
    }

    @Test
    void channelOpenedByTheRemoteSideIsReceived() throws Exception {
        PeerConnection a = connection(), b = connection();
        DataChannel ca = a.createDataChannel("lobby", new ChannelConfig(false, -1, -1, 3, false, "chat-v1"));
        assertNotNull(ca);
        a.createOffer();
        pump(a, b, () -> !receivedOnB.isEmpty() && receivedOnB.get(0).readyState() == DataChannel.STATE_OPEN, "data_channel_received");
        DataChannel cb = receivedOnB.get(0);
        assertEquals("lobby", cb.label());
        assertEquals("chat-v1", cb.protocol());
        assertFalse(cb.ordered());
        assertEquals(3, cb.maxRetransmits());
        assertEquals(GodotError.OK, cb.putPacket(utf8("hi"), 0, 2));
        assertArrayEquals(utf8("hi"), read(ca));
    }

    @Test
    void multiplayerPeersConnectExchangeAndNoticeDisconnection() throws Exception {
        WebRtcMultiplayer one = new WebRtcMultiplayer(), two = new WebRtcMultiplayer();
        assertEquals(GodotError.OK, one.createMesh(1, new int[] {WebRtcMultiplayer.TRANSFER_MODE_RELIABLE}));
        assertEquals(GodotError.OK, two.createMesh(2, new int[] {WebRtcMultiplayer.TRANSFER_MODE_RELIABLE}));
        PeerConnection a = connection(), b = connection();
        assertEquals(GodotError.OK, one.addPeer(a, 2, 1));
        assertEquals(GodotError.OK, two.addPeer(b, 1, 1));
        assertEquals(4, one.peerChannels(2).size());
        a.createOffer();
        List<int[]> eventsOne = new ArrayList<>(), eventsTwo = new ArrayList<>();
        pump(a, b, () -> {
            one.poll();
            two.poll();
            eventsOne.addAll(one.takeEvents());
            eventsTwo.addAll(two.takeEvents());
            return !eventsOne.isEmpty() && !eventsTwo.isEmpty();
        }, "peer_connected");
        assertArrayEquals(new int[] {WebRtcMultiplayer.PEER_CONNECTED, 2}, eventsOne.get(0));
        assertArrayEquals(new int[] {WebRtcMultiplayer.PEER_CONNECTED, 1}, eventsTwo.get(0));
        assertTrue(one.peerConnected(2));

        one.setTargetPeer(2);
        one.setTransferChannel(1); // the configured extra channel (negotiated id 4)
        byte[] text = utf8("over channel 1");
        long mem = NativeMemory.allocate(64); // the multiplayer peer reads and writes native memory, as the C ABI passes it
        NativeMemory.write(text, 0, mem, text.length);
        assertEquals(GodotError.OK, one.putPacket(mem, text.length));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (two.availablePacketCount() == 0) {
            assertTrue(System.nanoTime() < deadline, "packet never arrived");
            two.poll();
            Thread.sleep(1);
        }
        assertEquals(1, two.packetPeer());
        assertEquals(1, two.packetChannel());
        assertEquals(WebRtcMultiplayer.TRANSFER_MODE_RELIABLE, two.packetMode());
        byte[] buf = new byte[64];
        int n = two.getPacket(mem, buf.length);
        assertTrue(n > 0, "getPacket failed: " + n);
        NativeMemory.read(mem, buf, 0, n);
        NativeMemory.free(mem);
        assertEquals("over channel 1", new String(buf, 0, n, StandardCharsets.UTF_8));

        a.close();
        List<int[]> later = new ArrayList<>();
        deadline = System.nanoTime() + 30_000_000_000L;
        while (later.isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "peer 1 leaving was never noticed");
            two.poll();
            later.addAll(two.takeEvents());
            Thread.sleep(5);
        }
        assertArrayEquals(new int[] {WebRtcMultiplayer.PEER_DISCONNECTED, 1}, later.get(0));
        assertFalse(two.hasPeer(1));
    }
}
