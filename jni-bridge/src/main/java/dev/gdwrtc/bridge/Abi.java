package dev.gdwrtc.bridge;

import static dev.gdwrtc.core.GodotError.ERR_BUG;
import static dev.gdwrtc.core.GodotError.ERR_INVALID_PARAMETER;
import static dev.gdwrtc.core.GodotError.OK;
import static dev.gdwrtc.core.GodotError.fail;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.MultiplayerPeer;
import dev.gdwrtc.core.NativeMemory;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.config.RtcConfig;
import dev.gdwrtc.core.config.RtcConfigParser;
import dev.gdwrtc.core.rtc.RtcTransport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each {@code gdwrtc_*} C function does, in plain Java. Arguments are handles, ints and native
 * addresses with lengths (strings are UTF-8, not NUL-terminated); results are Godot errors, or a
 * handle / length that is negative with the negated error on failure. {@link Exports} only wraps
 * these so that no exception ever reaches C.
 */
final class Abi {
    /** Event tags of {@link #pcPoll}'s output. */
    static final int EV_SESSION_DESCRIPTION = 1;
    static final int EV_ICE_CANDIDATE = 2;
    static final int EV_DATA_CHANNEL = 3;
    static final int EV_FAILURE = 4;

    /** Event types of {@link #mpPoll} beside the core's signal events: a peer left the core's map, */
    static final int EV_PEER_REMOVED = 5;
    /** and a peer's connection has events of its own to deliver (poll that connection). */
    static final int EV_CONNECTION_EVENTS = 6;

    static final Handles HANDLES = new Handles();

    /**
     * The peer ids the native side holds objects for, per multiplayer peer: a peer that leaves the
     * core's map (with or without a signal) is reported in the same crossing as the signals, so the
     * native side needs no query per peer and frame to let go of its connection and channels.
     */
    private static final Map<MultiplayerPeer, int[]> HELD = new IdentityHashMap<>();

    /** A connection as the C side holds it: events read from it but not yet delivered wait here. */
    static final class Connection {
        final PeerConnection pc;
        final ArrayDeque<PeerConnection.Event> pending = new ArrayDeque<>();
        final java.util.function.Consumer<PeerConnection.Event> enqueue = pending::add; // made once, not per poll

        Connection(PeerConnection pc) {
            this.pc = pc;
        }

        boolean hasEvents() {
            return !pending.isEmpty() || pc.hasEvents();
        }
    }

    /** The C side's view of each core connection, for the multiplayer peer's poll. */
    private static final Map<PeerConnection, Connection> CONNECTIONS = new IdentityHashMap<>();

    private Abi() {}

    // --- plumbing ------------------------------------------------------------------------------

    static int crashed(Throwable t) {
        return -fail(ERR_BUG, "Unexpected " + t + " in the Java core.");
    }

    private static String str(long address, int length) {
        if (length <= 0 || address == 0) {
            return "";
        }
        byte[] b = new byte[length];
        NativeMemory.read(address, b, 0, length);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Writes UTF-8 text into a caller buffer; returns the full length (larger than cap: truncated). */
    private static int putStr(String s, long address, int capacity) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        NativeMemory.write(b, 0, address, Math.min(b.length, Math.max(capacity, 0)));
        return b.length;
    }

    private static int[] ints(long address, int count) {
        int[] out = new int[Math.max(count, 0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = NativeMemory.getInt(address + 4L * i);
        }
        return out;
    }

    private static int badHandle(int h, String kind) {
        return fail(ERR_INVALID_PARAMETER, "Invalid " + kind + " handle " + h + " (already released?).");
    }

    private static Connection conn(int h) {
        return HANDLES.get(h) instanceof Connection c ? c : null;
    }

    private static DataChannel dc(int h) {
        return HANDLES.get(h) instanceof DataChannel d ? d : null;
    }

    private static MultiplayerPeer mp(int h) {
        return HANDLES.get(h) instanceof MultiplayerPeer m ? m : null;
    }

    // --- runtime -------------------------------------------------------------------------------

    static int lastError(long buffer, int capacity) {
        return putStr(GodotError.takeLastMessage(), buffer, capacity);
    }

    static int release(int h) {
        Object o = HANDLES.release(h);
        if (o == null) {
            return badHandle(h, "object");
        }
        if (o instanceof Connection c) {
            c.pc.close();
            synchronized (CONNECTIONS) {
                CONNECTIONS.remove(c.pc);
            }
        } else if (o instanceof MultiplayerPeer m) {
            m.close();
            synchronized (HELD) {
                HELD.remove(m);
            }
        }
        return OK;
    }

    /**
     * Quiets the core for process exit: closes every connection and multiplayer peer still alive
     * and ends the core's threads, so no Java code runs while the host tears itself down (Godot
     * resets SIGSEGV to its default then, which the JVM relies on in threads running Java code).
     * Handles stay valid; calls after this still answer, but nothing is sent any more.
     */
    static int shutdown() {
        for (Object o : HANDLES.all()) {
            if (o instanceof MultiplayerPeer m) {
                m.close();
            } else if (o instanceof Connection c) {
                c.pc.close();
            }
        }
        RtcTransport.quiesce();
        return OK;
    }

    static int liveHandles() {
        return HANDLES.size();
    }

    // --- peer connection -----------------------------------------------------------------------

    static int pcCreate() {
        Connection c = new Connection(RtcTransport.get().newPeerConnection());
        synchronized (CONNECTIONS) {
            CONNECTIONS.put(c.pc, c);
        }
        return HANDLES.handleOf(c);
    }

    static int pcInitialize(int h, long json, int length) {
        Connection c = conn(h);
        if (c == null) {
            return badHandle(h, "peer connection");
        }
        RtcConfig config;
        try {
            config = RtcConfigParser.peerConfig(str(json, length));
        } catch (RtcConfigParser.InvalidConfigException e) {
            return fail(ERR_INVALID_PARAMETER, e.getMessage());
        }
        c.pending.clear();
        return c.pc.initialize(config);
    }

    static int pcCreateDataChannel(int h, long label, int labelLength, long json, int jsonLength) {
        Connection c = conn(h);
        if (c == null) {
            return -badHandle(h, "peer connection");
        }
        ChannelConfig cfg;
        try {
            cfg = RtcConfigParser.channelConfig(str(json, jsonLength));
        } catch (RtcConfigParser.InvalidConfigException e) {
            return -fail(ERR_INVALID_PARAMETER, e.getMessage());
        }
        DataChannel d = c.pc.createDataChannel(str(label, labelLength), cfg);
        return d == null ? -GodotError.ERR_CANT_CREATE : HANDLES.handleOf(d);
    }

    static int pcCreateOffer(int h) {
        Connection c = conn(h);
        return c == null ? badHandle(h, "peer connection") : c.pc.createOffer();
    }

    static int pcSetLocalDescription(int h, long type, int typeLength, long sdp, int sdpLength) {
        Connection c = conn(h);
        return c == null ? badHandle(h, "peer connection")
                : c.pc.setLocalDescription(str(type, typeLength), str(sdp, sdpLength));
    }

    static int pcSetRemoteDescription(int h, long type, int typeLength, long sdp, int sdpLength) {
        Connection c = conn(h);
        return c == null ? badHandle(h, "peer connection")
                : c.pc.setRemoteDescription(str(type, typeLength), str(sdp, sdpLength));
    }

    static int pcAddIceCandidate(int h, long media, int mediaLength, int index, long name, int nameLength) {
        Connection c = conn(h);
        return c == null ? badHandle(h, "peer connection")
                : c.pc.addIceCandidate(str(media, mediaLength), index, str(name, nameLength));
    }

    /**
     * Writes every queued event of the connection into the caller's buffer as tagged records
     * (int32 tag, then int32 ints and int32-length-prefixed UTF-8 strings, little-endian) and returns
     * the bytes written. Events that do not fit stay queued and the size the next one needs is
     * stored at {@code moreAddress}, 0 when all were delivered.
     */
    static int pcPoll(int h, long buffer, int capacity, long moreAddress) {
        Connection c = conn(h);
        if (c == null) {
            return -badHandle(h, "peer connection");
        }
        int err = c.pc.poll(c.enqueue);
        if (err != OK) {
            return -err;
        }
        // Most frames have nothing to deliver: write nothing and allocate nothing then.
        int written = 0, more = 0;
        while (!c.pending.isEmpty()) {
            byte[] record = encode(c.pending.peek());
            if (record.length > capacity - written) {
                more = record.length;
                break;
            }
            NativeMemory.write(record, 0, buffer + written, record.length);
            written += record.length;
            c.pending.poll();
        }
        if (moreAddress != 0) {
            NativeMemory.putInt(moreAddress, more);
        }
        return written;
    }

    private static byte[] encode(PeerConnection.Event e) {
        List<Object> fields = new ArrayList<>();
        int tag;
        if (e instanceof PeerConnection.SessionDescription s) {
            tag = EV_SESSION_DESCRIPTION;
            fields.add(s.type());
            fields.add(s.sdp());
        } else if (e instanceof PeerConnection.IceCandidate i) {
            tag = EV_ICE_CANDIDATE;
            fields.add(i.media());
            fields.add(i.index());
            fields.add(i.name());
        } else if (e instanceof PeerConnection.DataChannelReceived d) {
            tag = EV_DATA_CHANNEL;
            fields.add(HANDLES.handleOf(d.channel()));
        } else {
            tag = EV_FAILURE;
            fields.add(((PeerConnection.Failure) e).message());
        }
        int size = 4;
        List<byte[]> encoded = new ArrayList<>();
        for (Object f : fields) {
            byte[] b = f instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
            encoded.add(b);
            size += 4 + (b == null ? 0 : b.length);
        }
        ByteBuffer bb = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).putInt(tag);
        for (int i = 0; i < fields.size(); i++) {
            byte[] b = encoded.get(i);
            if (b == null) {
                bb.putInt((Integer) fields.get(i));
            } else {
                bb.putInt(b.length).put(b);
            }
        }
        return bb.array();
    }

    static int pcConnectionState(int h) {
        Connection c = conn(h);
        return c == null ? -badHandle(h, "peer connection") : c.pc.connectionState();
    }

    static int pcGatheringState(int h) {
        Connection c = conn(h);
        return c == null ? -badHandle(h, "peer connection") : c.pc.gatheringState();
    }

    static int pcSignalingState(int h) {
        Connection c = conn(h);
        return c == null ? -badHandle(h, "peer connection") : c.pc.signalingState();
    }

    static int pcClose(int h) {
        Connection c = conn(h);
        if (c == null) {
            return badHandle(h, "peer connection");
        }
        c.pc.close();
        c.pending.clear();
        return OK;
    }

    // --- data channel --------------------------------------------------------------------------

    static int dcPutPacket(int h, long buffer, int length) {
        DataChannel d = dc(h);
        return d == null ? badHandle(h, "data channel") : d.putPacket(buffer, length);
    }

    static int dcGetPacket(int h, long buffer, int capacity) {
        DataChannel d = dc(h);
        return d == null ? -badHandle(h, "data channel") : d.getPacket(buffer, capacity);
    }

    static int dcNextPacketSize(int h) {
        DataChannel d = dc(h);
        return d == null ? -badHandle(h, "data channel") : d.nextPacketSize();
    }

    static int dcAvailablePacketCount(int h) {
        DataChannel d = dc(h);
        return d == null ? 0 : d.availablePacketCount();
    }

    static int dcMaxPacketSize(int h) {
        DataChannel d = dc(h);
        return d == null ? 0 : d.maxPacketSize();
    }

    static int dcWasStringPacket(int h) {
        DataChannel d = dc(h);
        return d != null && d.wasStringPacket() ? 1 : 0;
    }

    static int dcSetWriteMode(int h, int mode) {
        DataChannel d = dc(h);
        if (d == null) {
            return badHandle(h, "data channel");
        }
        d.setWriteMode(mode);
        return OK;
    }

    static int dcWriteMode(int h) {
        DataChannel d = dc(h);
        return d == null ? DataChannel.WRITE_MODE_BINARY : d.writeMode();
    }

    static int dcReadyState(int h) {
        DataChannel d = dc(h);
        return d == null ? DataChannel.STATE_CLOSED : d.readyState();
    }

    static int dcLabel(int h, long buffer, int capacity) {
        DataChannel d = dc(h);
        return d == null ? 0 : putStr(d.label(), buffer, capacity);
    }

    static int dcProtocol(int h, long buffer, int capacity) {
        DataChannel d = dc(h);
        return d == null ? 0 : putStr(d.protocol(), buffer, capacity);
    }

    static int dcIsOrdered(int h) {
        DataChannel d = dc(h);
        return d != null && d.ordered() ? 1 : 0;
    }

    static int dcIsNegotiated(int h) {
        DataChannel d = dc(h);
        return d != null && d.negotiated() ? 1 : 0;
    }

    static int dcId(int h) {
        DataChannel d = dc(h);
        return d == null ? -1 : d.id();
    }

    static int dcMaxPacketLifeTime(int h) {
        DataChannel d = dc(h);
        return d == null ? -1 : d.maxPacketLifeTime();
    }

    static int dcMaxRetransmits(int h) {
        DataChannel d = dc(h);
        return d == null ? -1 : d.maxRetransmits();
    }

    static int dcBufferedAmount(int h) {
        DataChannel d = dc(h);
        return d == null ? 0 : d.bufferedAmount();
    }

    static int dcClose(int h) {
        DataChannel d = dc(h);
        if (d == null) {
            return badHandle(h, "data channel");
        }
        d.close();
        return OK;
    }

    // --- multiplayer peer ----------------------------------------------------------------------

    /** The GDExtension holds each peer's channels as Godot objects and closes them when freed. */
    static int mpCreate() {
        return HANDLES.handleOf(new MultiplayerPeer(false));
    }

    static int mpCreateServer(int h, long config, int count) {
        MultiplayerPeer m = mp(h);
        return m == null ? badHandle(h, "multiplayer peer") : m.createServer(ints(config, count));
    }

    static int mpCreateClient(int h, int id, long config, int count) {
        MultiplayerPeer m = mp(h);
        return m == null ? badHandle(h, "multiplayer peer") : m.createClient(id, ints(config, count));
    }

    static int mpCreateMesh(int h, int id, long config, int count) {
        MultiplayerPeer m = mp(h);
        return m == null ? badHandle(h, "multiplayer peer") : m.createMesh(id, ints(config, count));
    }

    static int mpInitialize(int h, int id, int serverCompatibility) {
        MultiplayerPeer m = mp(h);
        return m == null ? badHandle(h, "multiplayer peer") : m.initialize(id, serverCompatibility != 0);
    }

    /** Handle 0 is a null connection, which the core refuses after its other checks, as Godot. */
    static int mpAddPeer(int h, int pcHandle, int id, int unreliableLifetime) {
        MultiplayerPeer m = mp(h);
        Connection c = conn(pcHandle);
        if (m == null) {
            return badHandle(h, "multiplayer peer");
        }
        if (pcHandle == 0) {
            return m.addPeer(null, id, unreliableLifetime);
        }
        if (c == null) {
            return badHandle(pcHandle, "peer connection");
        }
        int err = m.addPeer(c.pc, id, unreliableLifetime);
        if (err == OK) {
            synchronized (HELD) {
                int[] held = HELD.getOrDefault(m, new int[0]);
                if (Arrays.stream(held).noneMatch(x -> x == id)) {
                    held = Arrays.copyOf(held, held.length + 1);
                    held[held.length - 1] = id;
                    HELD.put(m, held);
                }
            }
        }
        return err;
    }

    static int mpRemovePeer(int h, int id) {
        MultiplayerPeer m = mp(h);
        return m == null ? badHandle(h, "multiplayer peer") : m.removePeer(id);
    }

    static int mpHasPeer(int h, int id) {
        MultiplayerPeer m = mp(h);
        return m != null && m.hasPeer(id) ? 1 : 0;
    }

    /** Writes the peer ids (int32) and returns how many there are (more than cap: call again). */
    static int mpPeerIds(int h, long out, int capacity) {
        MultiplayerPeer m = mp(h);
        if (m == null) {
            return -badHandle(h, "multiplayer peer");
        }
        int[] ids = m.peerIds();
        for (int i = 0; i < ids.length && i < capacity; i++) {
            NativeMemory.putInt(out + 4L * i, ids[i]);
        }
        return ids.length;
    }

    /** Writes the handles of the peer's channels and returns their count, as {@link #mpPeerIds}. */
    static int mpPeerChannels(int h, int id, long out, int capacity) {
        MultiplayerPeer m = mp(h);
        if (m == null) {
            return -badHandle(h, "multiplayer peer");
        }
        if (!m.hasPeer(id)) {
            return -fail(GodotError.ERR_DOES_NOT_EXIST, "Peer " + id + " does not exist.");
        }
        List<DataChannel> channels = m.peerChannels(id);
        for (int i = 0; i < channels.size() && i < capacity; i++) {
            NativeMemory.putInt(out + 4L * i, HANDLES.handleOf(channels.get(i)));
        }
        return channels.size();
    }

    static int mpPeerConnected(int h, int id) {
        MultiplayerPeer m = mp(h);
        return m != null && m.hasPeer(id) && m.peerConnected(id) ? 1 : 0;
    }

    static int mpPutPacket(int h, long buffer, int length) {
        MultiplayerPeer m = mp(h);
        return m == null ? badHandle(h, "multiplayer peer") : m.putPacket(buffer, length);
    }

    static int mpGetPacket(int h, long buffer, int capacity) {
        MultiplayerPeer m = mp(h);
        return m == null ? -badHandle(h, "multiplayer peer") : m.getPacket(buffer, capacity);
    }

    static int mpNextPacketSize(int h) {
        MultiplayerPeer m = mp(h);
        return m == null ? -1 : m.nextPacketSize();
    }

    static int mpAvailablePacketCount(int h) {
        MultiplayerPeer m = mp(h);
        return m == null ? 0 : m.availablePacketCount();
    }

    static int mpMaxPacketSize(int h) {
        MultiplayerPeer m = mp(h);
        return m == null ? 0 : m.maxPacketSize();
    }

    static int mpPacketPeer(int h) {
        MultiplayerPeer m = mp(h);
        return m == null ? 0 : m.packetPeer();
    }

    static int mpPacketChannel(int h) {
        MultiplayerPeer m = mp(h);
        return m == null ? 0 : m.packetChannel();
    }

    static int mpPacketMode(int h) {
        MultiplayerPeer m = mp(h);
        return m == null ? 0 : m.packetMode();
    }

    static int mpSetTransferChannel(int h, int channel) {
        MultiplayerPeer m = mp(h);
        if (m == null) {
            return badHandle(h, "multiplayer peer");
        }
        m.setTransferChannel(channel);
        return OK;
    }

    static int mpTransferChannel(int h) {
        MultiplayerPeer m = mp(h);
        return m == null ? 0 : m.transferChannel();
    }

    static int mpSetTransferMode(int h, int mode) {
        MultiplayerPeer m = mp(h);
        if (m == null) {
            return badHandle(h, "multiplayer peer");
        }
        m.setTransferMode(mode);
        return OK;
    }

    static int mpTransferMode(int h) {
        MultiplayerPeer m = mp(h);
        return m == null ? 0 : m.transferMode();
    }

    static int mpSetTargetPeer(int h, int peer) {
        MultiplayerPeer m = mp(h);
        if (m == null) {
            return badHandle(h, "multiplayer peer");
        }
        m.setTargetPeer(peer);
        return OK;
    }

    static int mpIsServer(int h) {
        MultiplayerPeer m = mp(h);
        return m != null && m.isServer() ? 1 : 0;
    }

    /**
     * The multiplayer peer's whole poll in one crossing. Writes (type, peer id) int32 pairs and
     * returns how many: first {@link #EV_CONNECTION_EVENTS} for each peer whose connection has
     * events (the C side polls just those, so their signals come first, as in Godot's poll), then
     * the core's signal events in order, then {@link #EV_PEER_REMOVED} for each held peer no longer
     * in its map. Signal events that do not fit stay for {@link #mpDrainEvents}; a connection not
     * flagged for lack of room is flagged next time.
     */
    static int mpPoll(int h, long out, int capacity) {
        MultiplayerPeer m = mp(h);
        if (m == null) {
            return -badHandle(h, "multiplayer peer");
        }
        int n = 0;
        synchronized (HELD) {
            int[] held = HELD.get(m);
            for (int i = 0; held != null && i < held.length && n < capacity; i++) {
                Connection c;
                synchronized (CONNECTIONS) {
                    c = m.hasPeer(held[i]) ? CONNECTIONS.get(m.peerConnection(held[i])) : null;
                }
                if (c != null && c.hasEvents()) {
                    NativeMemory.putInt(out + 8L * n, EV_CONNECTION_EVENTS);
                    NativeMemory.putInt(out + 8L * n + 4, held[i]);
                    n++;
                }
            }
        }
        m.poll();
        return n + mpDrainEvents(h, out + 8L * n, capacity - n);
    }

    static int mpDrainEvents(int h, long out, int capacity) {
        MultiplayerPeer m = mp(h);
        if (m == null) {
            return -badHandle(h, "multiplayer peer");
        }
        int n = 0;
        if (m.pendingEventCount() > 0) {
            int[] pairs = new int[Math.max(capacity, 0) * 2];
            n = m.drainEvents(pairs);
            for (int i = 0; i < n * 2; i++) {
                NativeMemory.putInt(out + 4L * i, pairs[i]);
            }
        }
        if (n < capacity && m.pendingEventCount() == 0) {
            n += removedPeers(m, out + 8L * n, capacity - n);
        }
        return n;
    }

    /** Writes (EV_PEER_REMOVED, id) for held peers gone from the core's map; no allocation if none. */
    private static int removedPeers(MultiplayerPeer m, long out, int capacity) {
        synchronized (HELD) {
            int[] held = HELD.get(m);
            if (held == null) {
                return 0;
            }
            int kept = 0, written = 0;
            for (int id : held) {
                if (!m.hasPeer(id) && written < capacity) {
                    NativeMemory.putInt(out + 8L * written, EV_PEER_REMOVED);
                    NativeMemory.putInt(out + 8L * written + 4, id);
                    written++;
                } else {
                    held[kept++] = id;
                }
            }
            if (written > 0) {
                HELD.put(m, Arrays.copyOf(held, kept));
            }
            return written;
        }
    }

    static int mpClose(int h) {
        MultiplayerPeer m = mp(h);
        if (m == null) {
            return badHandle(h, "multiplayer peer");
        }
        m.close();
        return OK;
    }

    static int mpDisconnectPeer(int h, int id, int force) {
        MultiplayerPeer m = mp(h);
        return m == null ? badHandle(h, "multiplayer peer") : m.disconnectPeer(id, force != 0);
    }

    static int mpUniqueId(int h) {
        MultiplayerPeer m = mp(h);
        return m == null ? 0 : m.uniqueId();
    }

    static int mpConnectionStatus(int h) {
        MultiplayerPeer m = mp(h);
        return m == null ? 0 : m.connectionStatus();
    }

    static int mpSetRefuseNewConnections(int h, int enable) {
        MultiplayerPeer m = mp(h);
        if (m == null) {
            return badHandle(h, "multiplayer peer");
        }
        m.setRefuseNewConnections(enable != 0);
        return OK;
    }

    static int mpIsRefusingNewConnections(int h) {
        MultiplayerPeer m = mp(h);
        return m != null && m.isRefusingNewConnections() ? 1 : 0;
    }

    static int mpIsServerRelaySupported(int h) {
        MultiplayerPeer m = mp(h);
        return m != null && m.isServerRelaySupported() ? 1 : 0;
    }
}
