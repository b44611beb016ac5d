package dev.gdwrtc.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The logic of Godot 4's {@code WebRTCMultiplayerPeer}: a mesh of {@link PeerConnection}s, one per
 * remote peer, each carrying three negotiated data channels (reliable, unreliable ordered,
 * unreliable) plus any extra channels configured at creation, exposed through the
 * {@code MultiplayerPeer} contract (target peer, transfer channel and mode, round-robin packet
 * reading, connection status, peer signals).
 *
 * <p>Also offers Godot 3's {@code WebRTCMultiplayer.initialize(peer_id, server_compatibility)}
 * as {@link #initialize(int, boolean)}: a mesh that, with compatibility on, holds back
 * {@code peer_connected} until peer 1 connects and reports {@code connection_succeeded} and
 * {@code server_disconnected}.
 *
 * <p>Signals are not emitted directly: they are appended, in the order Godot emits them, to an
 * {@link PeerEvents} stream read with {@link #drainEvents(int[])} (by the native side, which re-emits them on
 * its Godot object right after the call that produced them).
 *
 * <p><b>Threading:</b> every public method is synchronized, so calls from several threads are
 * serialized (Godot's own class is used from one thread at a time; the C ABI allows any thread).
 *
 * <p><b>Connection polling:</b> {@link #poll()} does not poll the peer connections: the owner polls
 * each connection itself (so the connection's own signals reach its own object) and then calls
 * {@link #poll()} here, which only inspects connection and channel states.
 *
 * <p><b>Lifetimes:</b> Godot frees a peer's channels and connection by reference counting when the
 * peer leaves the map ({@code remove_peer}, {@code disconnect_peer(force)}, {@code close} or a
 * failed connection noticed by {@code poll}): a channel or connection someone else still holds
 * stays open. The connection is never closed here (the owner, who supplied it, decides whether
 * that was its last reference). The channels, which this class created, are closed when their
 * peer is dropped, unless the peer was made by {@link #heldByOwner()}: then the owner holds them as
 * Godot objects and closes each when its last reference goes, as Godot does, and the event stream
 * says PEER_DROPPED wherever a peer leaves the map (but not when {@code addPeer} replaces an id:
 * the owner replaces its own entry then).
 *
 * <p>The packet paths ({@code putPacket}, {@code getPacket}, {@code nextPacketSize},
 * {@code availablePacketCount}, {@code packet*}) do not allocate.
 */
public final class WebRtcMultiplayer {
    // MultiplayerPeer.TransferMode
    public static final int TRANSFER_MODE_UNRELIABLE = 0;
    public static final int TRANSFER_MODE_UNRELIABLE_ORDERED = 1;
    public static final int TRANSFER_MODE_RELIABLE = 2;

    // MultiplayerPeer.ConnectionStatus
    public static final int CONNECTION_DISCONNECTED = 0;
    public static final int CONNECTION_CONNECTING = 1;
    public static final int CONNECTION_CONNECTED = 2;

    public static final int TARGET_PEER_BROADCAST = 0;
    public static final int TARGET_PEER_SERVER = 1;

    // Event types of the event stream (see PeerEvents).
    public static final int PEER_CONNECTED = PeerEvents.PEER_CONNECTED;
    public static final int PEER_DISCONNECTED = PeerEvents.PEER_DISCONNECTED;
    public static final int CONNECTION_SUCCEEDED = PeerEvents.CONNECTION_SUCCEEDED;
    public static final int SERVER_DISCONNECTED = PeerEvents.SERVER_DISCONNECTED;

    /** What Godot's class answers for {@code get_max_packet_size}. */
    public static final int MAX_PACKET_SIZE = 1200;

    private static final int MODE_NONE = 0;
    private static final int MODE_SERVER = 1;
    private static final int MODE_CLIENT = 2;
    private static final int MODE_MESH = 3;

    // Indices of the built-in channels; extra channel N (N >= 1) sits at index N + 2.
    private static final int CH_RELIABLE = 0;
    private static final int CH_ORDERED = 1;
    private static final int CH_UNRELIABLE = 2;
    private static final int CH_RESERVED_MAX = 3;

    private static final String CHANNELS_CONFIG_MSG =
            "The 'channels_config' array must contain only enum values from 'MultiplayerPeer.TransferMode'";

    private static final class Peer {
        final int id;
        final PeerConnection connection;
        final DataChannel[] channels;
        /** Godot's {@code connected}: all channels were seen open. */
        boolean connected;
        /** peer_connected was emitted (differs from connected only while held back). */
        boolean announced;

        Peer(int id, PeerConnection connection, DataChannel[] channels) {
            this.id = id;
            this.connection = connection;
            this.channels = channels;
        }
    }

    /** The peer map, in Godot's HashMap order (insertion order; replacing a key keeps its slot). */
    private final ArrayList<Peer> peers = new ArrayList<>();

    /** Extra channel configurations (ids 4, 5, ...), as Godot's channels_config. */
    private final ArrayList<ChannelConfig> channelsConfig = new ArrayList<>();
    /** Transfer mode of each channel index, as Godot's channels_modes (kept across close()). */
    private int[] channelsModes = new int[8];
    private int channelsModesCount;

    private int uniqueId;
    private int targetPeer;
    private int transferChannel;
    private int transferMode = TRANSFER_MODE_RELIABLE;
    private boolean refuseNewConnections;
    private int connectionStatus = CONNECTION_DISCONNECTED;
    private int nextPacketPeer;
    private int nextPacketChannel;
    private int networkMode = MODE_NONE;
    private boolean serverCompat;

    // poll() scratch lists, reused so a steady poll does not allocate.
    private int[] removeScratch = new int[8];
    private int[] addScratch = new int[8];

    private final PeerEvents events = new PeerEvents();

    /**
     * True when an owner holds each peer's connection and channels as objects of its own (the
     * GDExtension): then the stream also reports PEER_DROPPED and CONNECTION_EVENTS, and a dropped
     * peer's channels are left for the owner to close once nothing refers to them.
     */
    private final boolean ownerHoldsPeers;

    /** A peer for Java callers: it closes the channels of each peer it drops. */
    public WebRtcMultiplayer() {
        this(false);
    }

    private WebRtcMultiplayer(boolean ownerHoldsPeers) {
        this.ownerHoldsPeers = ownerHoldsPeers;
    }

    /** A peer whose owner holds the peers' objects (see {@link PeerEvents#PEER_DROPPED}). */
    public static WebRtcMultiplayer heldByOwner() {
        return new WebRtcMultiplayer(true);
    }

    // ---------------------------------------------------------------- initialization

    /** {@code create_server(channels_config)}: unique id 1, relay supported, connected at once. */
    public synchronized int createServer(int[] channelsConfig) {
        return initializeMode(1, MODE_SERVER, channelsConfig, false);
    }

    /**
     * {@code create_client(peer_id, channels_config)}: id 2..2147483647; only peer 1 may be added;
     * CONNECTING until the server's channels are all open.
     */
    public synchronized int createClient(int peerId, int[] channelsConfig) {
        if (peerId == 1) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Clients cannot have ID 1.");
        }
        return initializeMode(peerId, MODE_CLIENT, channelsConfig, false);
    }

    /** {@code create_mesh(peer_id, channels_config)}: id 1..2147483647, connected at once. */
    public synchronized int createMesh(int peerId, int[] channelsConfig) {
        return initializeMode(peerId, MODE_MESH, channelsConfig, false);
    }

    /**
     * Godot 3's {@code initialize(peer_id, server_compatibility)}: a mesh (no extra channels).
     * Without compatibility the peer is connected at once and never reports
     * {@link #CONNECTION_SUCCEEDED}. With it (and an id other than 1) the status stays CONNECTING
     * and peer_connected is held back until peer 1 connects; then PEER_CONNECTED(1),
     * CONNECTION_SUCCEEDED and PEER_CONNECTED for every peer already connected are reported and
     * the status becomes CONNECTED. If peer 1 later leaves, PEER_DISCONNECTED(1) and
     * SERVER_DISCONNECTED are reported and the status is CONNECTED (a plain mesh from then on).
     */
    public synchronized int initialize(int peerId, boolean serverCompatibility) {
        return initializeMode(peerId, MODE_MESH, null, serverCompatibility);
    }

    private int initializeMode(int selfId, int mode, int[] config, boolean compat) {
        if (selfId < 1) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER,
                    "The peer ID must be between 1 and 2147483647, got " + selfId + ".");
        }
        // As Godot: the channel lists are reset before the entries are checked, so a bad entry
        // leaves them partly filled while the rest of the state is untouched.
        channelsConfig.clear();
        channelsModesCount = 0;
        pushMode(TRANSFER_MODE_RELIABLE);
        pushMode(TRANSFER_MODE_UNRELIABLE_ORDERED);
        pushMode(TRANSFER_MODE_UNRELIABLE);
        int n = config == null ? 0 : config.length;
        for (int i = 0; i < n; i++) {
            int m = config[i];
            if (m == Integer.MIN_VALUE) {
                return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, CHANNELS_CONFIG_MSG);
            }
            int id = CH_RESERVED_MAX + i + 1;
            ChannelConfig cfg;
            switch (m) {
                case TRANSFER_MODE_UNRELIABLE_ORDERED -> cfg = ChannelConfig.negotiated(id, true, 1);
                case TRANSFER_MODE_UNRELIABLE -> cfg = ChannelConfig.negotiated(id, false, 1);
                case TRANSFER_MODE_RELIABLE -> cfg = ChannelConfig.negotiated(id, true, -1);
                default -> {
                    return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, CHANNELS_CONFIG_MSG + ". Got: " + m);
                }
            }
            channelsConfig.add(cfg);
            pushMode(m);
        }
        uniqueId = selfId;
        networkMode = mode;
        serverCompat = compat;
        if (mode == MODE_CLIENT || (compat && selfId != 1)) {
            connectionStatus = CONNECTION_CONNECTING;
        } else {
            connectionStatus = CONNECTION_CONNECTED;
        }
        return GodotError.OK;
    }

    private void pushMode(int mode) {
        if (channelsModesCount == channelsModes.length) {
            channelsModes = Arrays.copyOf(channelsModes, channelsModesCount * 2);
        }
        channelsModes[channelsModesCount++] = mode;
    }

    // ---------------------------------------------------------------- peers

    /**
     * {@code add_peer(peer, peer_id, unreliable_lifetime)}: creates on {@code pc}, which must be in
     * {@link PeerConnection#STATE_NEW}, the negotiated channels "reliable" (id 1, ordered),
     * "ordered" (id 2, ordered, maxPacketLifeTime = unreliableLifetime), "unreliable" (id 3,
     * unordered, same lifetime) and then the configured extra channels "4", "5", ....
     * As Godot, an id already in the map is replaced in place, without any signal.
     */
    public synchronized int addPeer(PeerConnection pc, int peerId, int unreliableLifetime) {
        if (networkMode == MODE_NONE) {
            return GodotError.fail(GodotError.ERR_UNCONFIGURED,
                    "The multiplayer peer is not initialized: call create_server, create_client or create_mesh first.");
        }
        if (networkMode == MODE_CLIENT && peerId != 1) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER,
                    "A client can only add the server (peer ID 1), got " + peerId + ".");
        }
        if (networkMode == MODE_SERVER && peerId == 1) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER,
                    "A server cannot add a peer with ID 1 (its own ID).");
        }
        if (peerId < 1) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER,
                    "The peer ID must be between 1 and 2147483647, got " + peerId + ".");
        }
        if (unreliableLifetime < 0) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER,
                    "The unreliable lifetime must not be negative, got " + unreliableLifetime + ".");
        }
        if (refuseNewConnections) {
            return GodotError.fail(GodotError.ERR_UNAUTHORIZED,
                    "The multiplayer peer is refusing new connections.");
        }
        if (pc == null) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "The peer connection is null.");
        }
        if (pc.connectionState() != PeerConnection.STATE_NEW) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER,
                    "The peer connection must be in STATE_NEW to be added, it is in state " + pc.connectionState() + ".");
        }

        DataChannel[] channels = new DataChannel[CH_RESERVED_MAX + channelsConfig.size()];
        channels[CH_RELIABLE] = pc.createDataChannel("reliable", ChannelConfig.negotiated(1, true, -1));
        if (channels[CH_RELIABLE] == null) {
            return channelFailed(channels, "reliable");
        }
        channels[CH_ORDERED] = pc.createDataChannel("ordered", ChannelConfig.negotiated(2, true, unreliableLifetime));
        if (channels[CH_ORDERED] == null) {
            return channelFailed(channels, "ordered");
        }
        channels[CH_UNRELIABLE] = pc.createDataChannel("unreliable", ChannelConfig.negotiated(3, false, unreliableLifetime));
        if (channels[CH_UNRELIABLE] == null) {
            return channelFailed(channels, "unreliable");
        }
        for (int i = 0; i < channelsConfig.size(); i++) {
            ChannelConfig cfg = channelsConfig.get(i);
            String label = Integer.toString(cfg.id());
            DataChannel ch = pc.createDataChannel(label, cfg);
            if (ch == null) {
                return channelFailed(channels, label);
            }
            channels[CH_RESERVED_MAX + i] = ch;
        }

        Peer peer = new Peer(peerId, pc, channels);
        int idx = indexOf(peerId);
        if (idx >= 0) {
            Peer old = peers.set(idx, peer);
            closeChannelsOf(old); // replaced in place: the owner replaces its entry itself
        } else {
            peers.add(peer);
        }
        return GodotError.OK;
    }

    private static int channelFailed(DataChannel[] created, String label) {
        String reason = GodotError.takeLastMessage();
        for (DataChannel ch : created) {
            if (ch != null) {
                ch.close();
            }
        }
        return GodotError.fail(GodotError.FAILED, "Unable to create the data channel '" + label + "'"
                + (reason.isEmpty() ? "." : ": " + reason));
    }

    /**
     * {@code remove_peer(peer_id)}: drops the peer; reports PEER_DISCONNECTED if peer_connected was
     * reported for it. Returns ERR_DOES_NOT_EXIST (Godot prints an error) for an unknown id.
     */
    public synchronized int removePeer(int peerId) {
        int idx = indexOf(peerId);
        if (idx < 0) {
            return GodotError.fail(GodotError.ERR_DOES_NOT_EXIST, "Peer " + peerId + " is not in the peer map.");
        }
        removeAt(idx);
        return GodotError.OK;
    }

    private void removeAt(int idx) {
        Peer peer = peers.remove(idx);
        dropped(peer);
        if (peer.connected) {
            peer.connected = false;
            boolean signalled = peer.announced;
            if (peer.announced) {
                peer.announced = false;
                events.push(PEER_DISCONNECTED, peer.id);
                if (serverCompat && peer.id == TARGET_PEER_SERVER) {
                    events.push(SERVER_DISCONNECTED, 0);
                    connectionStatus = CONNECTION_CONNECTED;
                }
            }
            if (networkMode == MODE_CLIENT && peer.id == TARGET_PEER_SERVER) {
                if (ownerHoldsPeers && signalled) {
                    // Godot changes the status after emitting peer_disconnected: its handlers
                    // still see a connected client. The owner emits after this call returns, so
                    // the change waits until it has read the signal (see applyDeferred).
                    disconnectAfterEvent = events.pushedCount();
                } else {
                    connectionStatus = CONNECTION_DISCONNECTED;
                }
            }
        }
    }

    /** Events pushed when the client's status is to become DISCONNECTED (-1: nothing deferred). */
    private long disconnectAfterEvent = -1;

    /** Applies a deferred status change once the owner read the signal it follows, and emitted it. */
    private void applyDeferred() {
        if (disconnectAfterEvent >= 0 && events.drainedCount() >= disconnectAfterEvent) {
            disconnectAfterEvent = -1;
            if (networkMode == MODE_CLIENT && indexOf(TARGET_PEER_SERVER) < 0) {
                connectionStatus = CONNECTION_DISCONNECTED;
            }
        }
    }

    /** A peer left the map: its owner lets go of it, or its channels are closed here. */
    private void dropped(Peer peer) {
        if (ownerHoldsPeers) {
            events.push(PeerEvents.PEER_DROPPED, peer.id);
        } else {
            closeChannelsOf(peer);
        }
    }

    /** Closes the channels this class made, unless an owner holds them (and closes them itself). */
    private void closeChannelsOf(Peer peer) {
        if (ownerHoldsPeers) {
            return;
        }
        for (DataChannel ch : peer.channels) {
            if (ch != null) {
                ch.close();
            }
        }
    }

    /** {@code has_peer(peer_id)}: in the map, connected or not. */
    public synchronized boolean hasPeer(int peerId) {
        return indexOf(peerId) >= 0;
    }

    /** The "connection" of {@code get_peer(peer_id)}; null (with a message) for an unknown id. */
    public synchronized PeerConnection peerConnection(int peerId) {
        int idx = indexOf(peerId);
        if (idx < 0) {
            GodotError.fail(GodotError.ERR_DOES_NOT_EXIST, "Peer " + peerId + " is not in the peer map.");
            return null;
        }
        return peers.get(idx).connection;
    }

    /** The "channels" of {@code get_peer(peer_id)}; empty (with a message) for an unknown id. */
    public synchronized List<DataChannel> peerChannels(int peerId) {
        int idx = indexOf(peerId);
        if (idx < 0) {
            GodotError.fail(GodotError.ERR_DOES_NOT_EXIST, "Peer " + peerId + " is not in the peer map.");
            return Collections.emptyList();
        }
        return Collections.unmodifiableList(Arrays.asList(peers.get(idx).channels));
    }

    /** The "connected" of {@code get_peer(peer_id)} (all channels were seen open); false for an unknown id. */
    public synchronized boolean peerConnected(int peerId) {
        int idx = indexOf(peerId);
        if (idx < 0) {
            GodotError.fail(GodotError.ERR_DOES_NOT_EXIST, "Peer " + peerId + " is not in the peer map.");
            return false;
        }
        return peers.get(idx).connected;
    }

    /** The keys of {@code get_peers()}, in the peer map's order. */
    public synchronized int[] peerIds() {
        int[] ids = new int[peers.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = peers.get(i).id;
        }
        return ids;
    }

    private int indexOf(int peerId) {
        for (int i = 0, n = peers.size(); i < n; i++) {
            if (peers.get(i).id == peerId) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- poll

    /**
     * The state half of Godot's {@code poll}: peers whose connection is DISCONNECTED, FAILED or
     * CLOSED, or that have a channel CLOSING/CLOSED, are removed (PEER_DISCONNECTED when they had
     * been reported); peers whose connection is CONNECTED and whose channels are all OPEN become
     * connected (PEER_CONNECTED, or the client/compatibility sequences). Removals are handled
     * before additions, each in peer-map order. Does not poll the connections.
     */
    public synchronized void poll() {
        applyDeferred();
        int n = peers.size();
        if (n == 0) {
            return;
        }
        if (ownerHoldsPeers) {
            // First, as Godot polls each connection before looking at the states.
            for (int i = 0; i < n; i++) {
                Peer peer = peers.get(i);
                // A closed connection too: Godot's class polls every connection, and a closed one
                // answers with an error that Godot prints.
                if (peer.connection.hasEvents() || peer.connection.connectionState() == PeerConnection.STATE_CLOSED) {
                    events.push(PeerEvents.CONNECTION_EVENTS, peer.id);
                }
            }
        }
        if (removeScratch.length < n) {
            removeScratch = new int[Math.max(n, removeScratch.length * 2)];
            addScratch = new int[removeScratch.length];
        }
        int removeCount = 0;
        int addCount = 0;
        for (int i = 0; i < n; i++) {
            Peer peer = peers.get(i);
            int state = peer.connection.connectionState();
            if (state == PeerConnection.STATE_NEW || state == PeerConnection.STATE_CONNECTING) {
                continue;
            }
            if (state != PeerConnection.STATE_CONNECTED) {
                removeScratch[removeCount++] = peer.id;
                continue;
            }
            int ready = 0;
            for (DataChannel ch : peer.channels) {
                int rs = ch.readyState();
                if (rs == DataChannel.STATE_CONNECTING) {
                    continue;
                }
                if (rs == DataChannel.STATE_OPEN) {
                    ready++;
                    continue;
                }
                removeScratch[removeCount++] = peer.id;
                break;
            }
            if (ready == peer.channels.length && !peer.connected) {
                peer.connected = true;
                addScratch[addCount++] = peer.id;
            }
        }

        for (int r = 0; r < removeCount; r++) {
            int id = removeScratch[r];
            int idx = indexOf(id);
            if (idx >= 0) {
                removeAt(idx);
            }
            if (nextPacketPeer == id) {
                nextPacketPeer = 0;
            }
        }

        for (int a = 0; a < addCount; a++) {
            int id = addScratch[a];
            int idx = indexOf(id);
            if (idx < 0) {
                continue;
            }
            Peer peer = peers.get(idx);
            if (networkMode == MODE_CLIENT) {
                if (id != TARGET_PEER_SERVER) {
                    GodotError.fail(GodotError.ERR_BUG, "A client connected to peer " + id + ", which is not the server.");
                    continue;
                }
                connectionStatus = CONNECTION_CONNECTED;
                announce(peer);
            } else if (serverCompat) {
                if (id == TARGET_PEER_SERVER) {
                    boolean wasWaiting = connectionStatus == CONNECTION_CONNECTING;
                    connectionStatus = CONNECTION_CONNECTED;
                    announce(peer);
                    events.push(CONNECTION_SUCCEEDED, 0);
                    if (wasWaiting) {
                        for (int i = 0, m = peers.size(); i < m; i++) {
                            Peer other = peers.get(i);
                            if (other.id != TARGET_PEER_SERVER && other.connected) {
                                announce(other);
                            }
                        }
                    }
                } else if (connectionStatus == CONNECTION_CONNECTED) {
                    announce(peer);
                }
                // else: held back until the server connects.
            } else {
                announce(peer);
            }
        }

        if (nextPacketPeer == 0) {
            findNextPeer();
        }
    }

    private void announce(Peer peer) {
        if (!peer.announced) {
            peer.announced = true;
            events.push(PEER_CONNECTED, peer.id);
        }
    }

    /** Godot's {@code _find_next_peer}: the first peer after the current one, wrapping, with a packet. */
    private void findNextPeer() {
        int n = peers.size();
        int start = indexOf(nextPacketPeer);
        if (start >= 0) {
            for (int i = start + 1; i < n; i++) {
                if (selectIfPending(peers.get(i))) {
                    return;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            Peer peer = peers.get(i);
            if (selectIfPending(peer)) {
                return;
            }
            if (peer.id == nextPacketPeer) {
                break;
            }
        }
        nextPacketChannel = 0;
        nextPacketPeer = 0;
    }

    private boolean selectIfPending(Peer peer) {
        if (!peer.announced) {
            return false;
        }
        DataChannel[] chs = peer.channels;
        for (int c = 0; c < chs.length; c++) {
            if (chs[c].availablePacketCount() > 0) {
                nextPacketChannel = c;
                nextPacketPeer = peer.id;
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Packets waiting on the channels of reported peers; 0 while no next packet is selected (as
     * Godot, so that a positive count always means {@code getPacket} will succeed).
     */
    public synchronized int availablePacketCount() {
        if (nextPacketPeer == 0) {
            return 0;
        }
        int size = 0;
        for (int i = 0, n = peers.size(); i < n; i++) {
            Peer peer = peers.get(i);
            if (!peer.announced) {
                continue;
            }
            for (DataChannel ch : peer.channels) {
                size += ch.availablePacketCount();
            }
        }
        return size;
    }

    /** Sender of the next packet ({@code get_packet_peer}), 0 when none. */
    public synchronized int packetPeer() {
        return nextPacketPeer;
    }

    /** Channel of the next packet: 0 for the built-in channels, N for extra channel N. */
    public synchronized int packetChannel() {
        return nextPacketChannel < CH_RESERVED_MAX ? 0 : nextPacketChannel - CH_RESERVED_MAX + 1;
    }

    /** Transfer mode of the next packet's channel; RELIABLE (with a message) when out of range. */
    public synchronized int packetMode() {
        if (nextPacketChannel < 0 || nextPacketChannel >= channelsModesCount) {
            GodotError.print("Packet channel index " + nextPacketChannel + " is out of bounds (size = "
                    + channelsModesCount + ").");
            return TRANSFER_MODE_RELIABLE;
        }
        return channelsModes[nextPacketChannel];
    }

    /** Size of the packet the next {@code getPacket} returns, or -1 when there is none. */
    public synchronized int nextPacketSize() {
        DataChannel ch = currentChannel();
        return ch == null ? -1 : ch.nextPacketSize();
    }

    /**
     * Moves the next packet to native memory ({@code capacity} bytes at {@code address}); returns
     * its length or a negated error. -ERR_OUT_OF_MEMORY leaves it queued and still next.
     */
    public synchronized int getPacket(long address, int capacity) {
        if (address == 0 || capacity < 0) {
            return -GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Invalid destination buffer.");
        }
        DataChannel ch = prepareRead();
        if (ch == null) {
            return readFailure();
        }
        return finishRead(ch.getPacket(address, capacity), ch, capacity);
    }

    /** As {@link #getPacket(long, int)} into {@code dst[off .. off+cap)}. */
    public synchronized int getPacket(byte[] dst, int off, int cap) {
        if (dst == null || off < 0 || cap < 0 || off > dst.length - cap) {
            return -GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Invalid destination buffer.");
        }
        DataChannel ch = prepareRead();
        if (ch == null) {
            return readFailure();
        }
        return finishRead(ch.getPacket(dst, off, cap), ch, cap);
    }

    private int lastReadError;

    /**
     * The channel to read from, or null after recording the failure in lastReadError. As Godot:
     * the selected peer only has to be in the map, and the packet read is the one on its first
     * channel holding any (which may not be the channel {@link #packetChannel} reported, when a
     * packet arrived on an earlier channel since the selection). A selected peer without packets
     * (its entry was replaced by {@link #addPeer}) is ERR_BUG.
     */
    private DataChannel prepareRead() {
        int idx = nextPacketPeer == 0 ? -1 : indexOf(nextPacketPeer);
        if (idx < 0) {
            findNextPeer();
            lastReadError = GodotError.fail(GodotError.ERR_UNAVAILABLE, "No packet available.");
            return null;
        }
        DataChannel ch = firstChannelWithPacket(peers.get(idx));
        if (ch == null) {
            findNextPeer();
            lastReadError = GodotError.fail(GodotError.ERR_BUG,
                    "The channels of peer " + nextPacketPeer + " are empty although it was selected for reading.");
            return null;
        }
        return ch;
    }

    private int readFailure() {
        return -lastReadError;
    }

    private int finishRead(int result, DataChannel ch, int capacity) {
        if (result == -GodotError.ERR_OUT_OF_MEMORY) {
            return -GodotError.fail(GodotError.ERR_OUT_OF_MEMORY, "The next packet (" + ch.nextPacketSize()
                    + " bytes) does not fit in " + capacity + " bytes.");
        }
        findNextPeer();
        return result;
    }

    private static DataChannel firstChannelWithPacket(Peer peer) {
        for (DataChannel ch : peer.channels) {
            if (ch.availablePacketCount() > 0) {
                return ch;
            }
        }
        return null;
    }

    /** The channel the next {@code getPacket} reads, or null when it will fail. */
    private DataChannel currentChannel() {
        int idx = nextPacketPeer == 0 ? -1 : indexOf(nextPacketPeer);
        return idx < 0 ? null : firstChannelWithPacket(peers.get(idx));
    }

    // ---------------------------------------------------------------- writing

    /** Sends {@code src[off .. off+len)} to the target peer(s) on the resolved channel. */
    public synchronized int putPacket(byte[] src, int off, int len) {
        if (connectionStatus == CONNECTION_DISCONNECTED) {
            return notConnected();
        }
        if (src == null || off < 0 || len < 0 || off > src.length - len) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Invalid source buffer.");
        }
        int ch = resolveChannel();
        if (targetPeer > 0) {
            DataChannel c = targetChannel(ch);
            return c == null ? lastPutError : c.putPacket(src, off, len);
        }
        int exclude = -targetPeer;
        int busyPeer = 0;
        for (int i = 0, n = peers.size(); i < n; i++) {
            Peer peer = peers.get(i);
            if (targetPeer != 0 && peer.id == exclude) {
                continue;
            }
            if (ch < 0 || ch >= peer.channels.length) {
                GodotError.print(channelOutOfRangeMessage(ch, peer.channels.length)); // and on to the next
                continue;
            }
            int err = peer.channels[ch].putPacket(src, off, len);
            if (err != GodotError.OK) {
                // Godot's class goes on to the next peer, and the channel prints why it refused.
                GodotError.print(GodotError.takeLastMessage());
                if (err == GodotError.ERR_BUSY && busyPeer == 0) {
                    busyPeer = peer.id;
                }
            }
        }
        return busyPeer == 0 ? GodotError.OK : busy(busyPeer);
    }

    /** As {@link #putPacket(byte[], int, int)}, reading {@code len} bytes at a native address. */
    public synchronized int putPacket(long address, int len) {
        if (connectionStatus == CONNECTION_DISCONNECTED) {
            return notConnected();
        }
        if (len < 0 || (address == 0 && len > 0)) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Invalid source buffer.");
        }
        int ch = resolveChannel();
        if (targetPeer > 0) {
            DataChannel c = targetChannel(ch);
            return c == null ? lastPutError : c.putPacket(address, len);
        }
        int exclude = -targetPeer;
        int busyPeer = 0;
        for (int i = 0, n = peers.size(); i < n; i++) {
            Peer peer = peers.get(i);
            if (targetPeer != 0 && peer.id == exclude) {
                continue;
            }
            if (ch < 0 || ch >= peer.channels.length) {
                GodotError.print(channelOutOfRangeMessage(ch, peer.channels.length)); // and on to the next
                continue;
            }
            int err = peer.channels[ch].putPacket(address, len);
            if (err != GodotError.OK) {
                // Godot's class goes on to the next peer, and the channel prints why it refused.
                GodotError.print(GodotError.takeLastMessage());
                if (err == GodotError.ERR_BUSY && busyPeer == 0) {
                    busyPeer = peer.id;
                }
            }
        }
        return busyPeer == 0 ? GodotError.OK : busy(busyPeer);
    }

    private int lastPutError;

    /**
     * A broadcast that a peer's full send queue refused: the others got the packet, but a reliable
     * packet must not be lost silently, so the caller hears ERR_BUSY (Godot's class says OK).
     */
    private static int busy(int peerId) {
        return GodotError.fail(GodotError.ERR_BUSY, "The send queue to peer " + peerId
                + " is full: the broadcast packet was not sent to it; try again later.");
    }

    private static int notConnected() {
        return GodotError.fail(GodotError.ERR_UNCONFIGURED, "The multiplayer peer is not connected.");
    }

    /** Channel index for the current transfer channel/mode (may be out of range: checked per peer). */
    private int resolveChannel() {
        if (transferChannel == 0) {
            return switch (transferMode) {
                case TRANSFER_MODE_UNRELIABLE_ORDERED -> CH_ORDERED;
                case TRANSFER_MODE_UNRELIABLE -> CH_UNRELIABLE;
                default -> CH_RELIABLE;
            };
        }
        return transferChannel + CH_RESERVED_MAX - 1;
    }

    private DataChannel targetChannel(int ch) {
        int idx = indexOf(targetPeer);
        if (idx < 0) {
            lastPutError = GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Invalid target peer: " + targetPeer + ".");
            return null;
        }
        Peer peer = peers.get(idx);
        if (ch < 0 || ch >= peer.channels.length) {
            lastPutError = channelOutOfRange(ch, peer.channels.length);
            return null;
        }
        return peer.channels[ch];
    }

    private static int channelOutOfRange(int ch, int count) {
        return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, channelOutOfRangeMessage(ch, count));
    }

    private static String channelOutOfRangeMessage(int ch, int count) {
        return "Unable to send packet on channel " + ch + ", max channels: " + count;
    }

    /** Godot's fixed {@code get_max_packet_size}. */
    public synchronized int maxPacketSize() {
        return MAX_PACKET_SIZE;
    }

    // ---------------------------------------------------------------- MultiplayerPeer properties

    /** 0 sends on the built-in channel of the transfer mode; N > 0 on extra channel N. */
    public synchronized void setTransferChannel(int channel) {
        transferChannel = channel;
    }

    public synchronized int transferChannel() {
        return transferChannel;
    }

    /** Any value is stored; one that is not a TransferMode sends on the reliable channel. */
    public synchronized void setTransferMode(int mode) {
        transferMode = mode;
    }

    public synchronized int transferMode() {
        return transferMode;
    }

    /** 0 all peers, N > 0 peer N, N < 0 all peers but -N. */
    public synchronized void setTargetPeer(int peerId) {
        targetPeer = peerId;
    }

    public synchronized boolean isServer() {
        return uniqueId == TARGET_PEER_SERVER;
    }

    /** This peer's id; 1 (with a message) while disconnected, as Godot. */
    public synchronized int uniqueId() {
        if (connectionStatus == CONNECTION_DISCONNECTED) {
            GodotError.print("The multiplayer peer is not connected.");
            return 1;
        }
        return uniqueId;
    }

    public synchronized int connectionStatus() {
        return connectionStatus;
    }

    /** While set, {@link #addPeer} answers ERR_UNAUTHORIZED. */
    public synchronized void setRefuseNewConnections(boolean enable) {
        refuseNewConnections = enable;
    }

    public synchronized boolean isRefusingNewConnections() {
        return refuseNewConnections;
    }

    /** True in server and client modes (created with createServer/createClient). */
    public synchronized boolean isServerRelaySupported() {
        return networkMode == MODE_SERVER || networkMode == MODE_CLIENT;
    }

    /**
     * {@code disconnect_peer(peer, force)}: without force the connection is closed and the peer is
     * removed (with its signals) by a later {@link #poll()}; with force it is dropped at once
     * without any signal (a client dropping the server becomes DISCONNECTED).
     */
    public synchronized int disconnectPeer(int peerId, boolean force) {
        int idx = indexOf(peerId);
        if (idx < 0) {
            return GodotError.fail(GodotError.ERR_DOES_NOT_EXIST, "Peer " + peerId + " is not in the peer map.");
        }
        if (force) {
            Peer peer = peers.remove(idx);
            peer.connected = false;
            peer.announced = false;
            dropped(peer);
            if (networkMode == MODE_CLIENT && peerId == TARGET_PEER_SERVER) {
                connectionStatus = CONNECTION_DISCONNECTED;
            }
        } else {
            peers.get(idx).connection.close();
        }
        return GodotError.OK;
    }

    /**
     * {@code close()}: drops every peer without signals (their channels are closed), clears the
     * configuration and returns to DISCONNECTED. Events already queued stay queued.
     */
    public synchronized void close() {
        for (int i = 0, n = peers.size(); i < n; i++) {
            dropped(peers.get(i));
        }
        peers.clear();
        channelsConfig.clear();
        uniqueId = 0;
        nextPacketPeer = 0;
        nextPacketChannel = 0;
        targetPeer = 0;
        networkMode = MODE_NONE;
        serverCompat = false;
        connectionStatus = CONNECTION_DISCONNECTED;
        disconnectAfterEvent = -1;
    }

    // ---------------------------------------------------------------- events

    /** Events queued and not yet drained. */
    public synchronized int pendingEventCount() {
        applyDeferred(); // the owner asks after emitting what it read before
        return events.size();
    }

    /** Moves the oldest events into {@code out} as (type, peer id) pairs; see {@link PeerEvents#drain}. */
    public synchronized int drainEvents(int[] out) {
        applyDeferred(); // the owner emitted what it read before
        return events.drain(out);
    }

    /** Drains every queued event as {type, id} arrays (convenience for Java callers and tests). */
    public synchronized List<int[]> takeEvents() {
        return events.takeAll();
    }
}
