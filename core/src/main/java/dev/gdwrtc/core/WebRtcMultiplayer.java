package dev.gdwrtc.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The logic of Godot 4's {@code WebRTCMultiplayerPeer} (and Godot 3's {@code WebRTCMultiplayer}
 * through {@link #initialize(int, boolean)}): the peer map, one {@link PeerConnection} per remote
 * peer with its negotiated channels ({@link ChannelLayout}), reading ({@link PacketReader}) and
 * writing ({@link PacketWriter}) packets, the connection status and the signals.
 *
 * <p>Signals are appended, in the order Godot emits them, to the {@link PeerEvents} stream read with
 * {@link #drainEvents(int[])}; the owner emits them after the call that produced them. {@link #poll()}
 * only inspects connection and channel states: the owner polls each connection itself, so that its
 * signals reach its own object. Every public method is synchronized (the C ABI allows any thread);
 * the packet paths do not allocate.
 *
 * <p><b>Lifetimes</b>, as Godot's reference counting: a peer that leaves the map (remove_peer,
 * disconnect_peer(force), close, replacement by addPeer, or a failed connection noticed by poll)
 * never has its connection closed here; its channels are closed, unless the peer was made by
 * {@link #heldByOwner()}: then the owner holds them as Godot objects, closes each when its last
 * reference goes, and hears {@link PeerEvents#PEER_RELEASED} with the entry's handle
 * ({@link #peerHandle}) once the entry's signals were emitted, as Godot holds a removed peer until
 * its peer_disconnected handlers returned. This map is the only one: the owner keeps objects by
 * entry handle, never by peer id, since a handler may reuse an id before the release is read.
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

    // Indices of the built-in channels; extra channel N (N >= 1) sits at index N + 2.
    static final int CH_RELIABLE = 0;
    static final int CH_ORDERED = 1;
    static final int CH_UNRELIABLE = 2;
    static final int CH_RESERVED_MAX = 3;

    /** The peer map, in Godot's HashMap order (insertion order; replacing a key keeps its slot). */
    private final ArrayList<ConnectedPeer> peers = new ArrayList<>();

    private final ChannelLayout layout = new ChannelLayout();
    private final PacketReader reader = new PacketReader(peers);
    private final PacketWriter writer = new PacketWriter(peers);

    private int uniqueId;
    private boolean refuseNewConnections;
    private int connectionStatus = CONNECTION_DISCONNECTED;
    private NetworkMode networkMode = NetworkMode.NONE;
    private boolean serverCompat;

    private final PeerEvents events = new PeerEvents();
    private int nextHandle = 1; // of the next entry; wraps after 2^31 - 1 entries
    private int[] removeScratch = new int[8]; // poll()'s lists, reused: a steady poll does not allocate
    private int[] addScratch = new int[8];

    /** An owner (the GDExtension) holds the peers' objects: see {@link #heldByOwner()}. */
    private final boolean ownerHoldsPeers;

    /** A peer for Java callers: it closes the channels of each peer it drops. */
    public WebRtcMultiplayer() {
        this(false);
    }

    private WebRtcMultiplayer(boolean ownerHoldsPeers) {
        this.ownerHoldsPeers = ownerHoldsPeers;
    }

    /** A peer whose owner holds the peers' objects (see {@link PeerEvents#PEER_RELEASED}). */
    public static WebRtcMultiplayer heldByOwner() {
        return new WebRtcMultiplayer(true);
    }

    // ---------------------------------------------------------------- initialization

    /** {@code create_server(channels_config)}: unique id 1, relay supported, connected at once. */
    public synchronized int createServer(int[] channelsConfig) {
        return initializeMode(1, NetworkMode.SERVER, channelsConfig, false);
    }

    /**
     * {@code create_client(peer_id, channels_config)}: id 2..2147483647; only peer 1 may be added;
     * CONNECTING until the server's channels are all open.
     */
    public synchronized int createClient(int peerId, int[] channelsConfig) {
        if (peerId == 1) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Clients cannot have ID 1.");
        }
        return initializeMode(peerId, NetworkMode.CLIENT, channelsConfig, false);
    }

    /** {@code create_mesh(peer_id, channels_config)}: id 1..2147483647, connected at once. */
    public synchronized int createMesh(int peerId, int[] channelsConfig) {
        return initializeMode(peerId, NetworkMode.MESH, channelsConfig, false);
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
        return initializeMode(peerId, NetworkMode.MESH, null, serverCompatibility);
    }

    private int initializeMode(int selfId, NetworkMode mode, int[] config, boolean compat) {
        if (selfId < 1) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER,
                    "The peer ID must be between 1 and 2147483647, got " + selfId + ".");
        }
        int err = layout.configure(config);
        if (err != GodotError.OK) {
            return err;
        }
        uniqueId = selfId;
        networkMode = mode;
        serverCompat = compat;
        if (mode == NetworkMode.CLIENT || (compat && selfId != 1)) {
            connectionStatus = CONNECTION_CONNECTING;
        } else {
            connectionStatus = CONNECTION_CONNECTED;
        }
        return GodotError.OK;
    }

    // ---------------------------------------------------------------- peers

    /**
     * {@code add_peer(peer, peer_id, unreliable_lifetime)}: creates on {@code pc}, which must be in
     * {@link PeerConnection#STATE_NEW}, the negotiated channels "reliable" (id 1, ordered),
     * "ordered" (id 2, ordered, maxPacketLifeTime = unreliableLifetime), "unreliable" (id 3,
     * unordered, same lifetime) and then the configured extra channels "4", "5", ....
     * As Godot, an id already in the map is replaced in place, without any signal; the entry
     * replaced is released at once.
     */
    public synchronized int addPeer(PeerConnection pc, int peerId, int unreliableLifetime) {
        if (networkMode == NetworkMode.NONE) {
            return GodotError.fail(GodotError.ERR_UNCONFIGURED,
                    "The multiplayer peer is not initialized: call create_server, create_client or create_mesh first.");
        }
        if (networkMode == NetworkMode.CLIENT && peerId != 1) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER,
                    "A client can only add the server (peer ID 1), got " + peerId + ".");
        }
        if (networkMode == NetworkMode.SERVER && peerId == 1) {
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

        DataChannel[] channels = layout.create(pc, unreliableLifetime);
        if (channels == null) {
            return GodotError.FAILED;
        }

        ConnectedPeer peer = new ConnectedPeer(peerId, nextHandle, pc, channels);
        nextHandle = nextHandle == Integer.MAX_VALUE ? 1 : nextHandle + 1;
        int idx = indexOf(peerId);
        if (idx >= 0) {
            released(peers.set(idx, peer));
        } else {
            peers.add(peer);
        }
        return GodotError.OK;
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
        ConnectedPeer peer = peers.remove(idx);
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
            if (networkMode == NetworkMode.CLIENT && peer.id == TARGET_PEER_SERVER) {
                if (ownerHoldsPeers && signalled) {
                    // Godot changes it after emitting peer_disconnected (handlers see a connected
                    // client); our owner emits after this call: wait until it read the signal.
                    disconnectAfterEvent = events.pushedCount();
                } else {
                    connectionStatus = CONNECTION_DISCONNECTED;
                }
            }
        }
        released(peer); // after its signals: their handlers still find its channels alive, as in Godot
    }

    /** Events pushed when the client's status is to become DISCONNECTED (-1: nothing deferred). */
    private long disconnectAfterEvent = -1;

    /** Applies a deferred status change once the owner read the signal it follows, and emitted it. */
    private void applyDeferred() {
        if (disconnectAfterEvent >= 0 && events.drainedCount() >= disconnectAfterEvent) {
            disconnectAfterEvent = -1;
            if (networkMode == NetworkMode.CLIENT && indexOf(TARGET_PEER_SERVER) < 0) {
                connectionStatus = CONNECTION_DISCONNECTED;
            }
        }
    }

    /** A peer left the map: its owner lets go of it, or its channels are closed here. */
    private void released(ConnectedPeer peer) {
        if (ownerHoldsPeers) {
            events.push(PeerEvents.PEER_RELEASED, peer.handle);
        } else {
            peer.closeChannels();
        }
    }

    /** {@code has_peer(peer_id)}: in the map, connected or not. */
    public synchronized boolean hasPeer(int peerId) {
        return indexOf(peerId) >= 0;
    }

    /** The "connection" of {@code get_peer(peer_id)}; null (with a message) for an unknown id. */
    public synchronized PeerConnection peerConnection(int peerId) {
        ConnectedPeer peer = find(peerId);
        return peer == null ? null : peer.connection;
    }

    /** The "channels" of {@code get_peer(peer_id)}; empty (with a message) for an unknown id. */
    public synchronized List<DataChannel> peerChannels(int peerId) {
        ConnectedPeer peer = find(peerId);
        return peer == null ? Collections.emptyList() : Collections.unmodifiableList(Arrays.asList(peer.channels));
    }

    /** The "connected" of {@code get_peer(peer_id)} (all channels were seen open); false for an unknown id. */
    public synchronized boolean peerConnected(int peerId) {
        ConnectedPeer peer = find(peerId);
        return peer != null && peer.connected;
    }

    /**
     * The handle of the entry peer {@code peerId} has now (what {@link PeerEvents#PEER_RELEASED}
     * and {@link PeerEvents#CONNECTION_EVENTS} carry), or -ERR_DOES_NOT_EXIST with a message.
     */
    public synchronized int peerHandle(int peerId) {
        ConnectedPeer peer = find(peerId);
        return peer == null ? -GodotError.ERR_DOES_NOT_EXIST : peer.handle;
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
        return ConnectedPeer.indexOf(peers, peerId);
    }

    /** The peer with that id, or null with the failure recorded. */
    private ConnectedPeer find(int peerId) {
        int idx = indexOf(peerId);
        if (idx < 0) {
            GodotError.fail(GodotError.ERR_DOES_NOT_EXIST, "Peer " + peerId + " is not in the peer map.");
            return null;
        }
        return peers.get(idx);
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
            // First, as Godot polls each connection (a closed one too: its poll prints an error).
            for (int i = 0; i < n; i++) {
                ConnectedPeer peer = peers.get(i);
                if (peer.connection.hasEvents() || peer.connection.connectionState() == PeerConnection.STATE_CLOSED) {
                    events.push(PeerEvents.CONNECTION_EVENTS, peer.handle);
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
            ConnectedPeer peer = peers.get(i);
            switch (peer.progress()) {
                case GONE -> removeScratch[removeCount++] = peer.id;
                case OPEN -> {
                    if (!peer.connected) {
                        peer.connected = true;
                        addScratch[addCount++] = peer.id;
                    }
                }
                case CONNECTING -> {}
            }
        }

        for (int r = 0; r < removeCount; r++) {
            int id = removeScratch[r];
            int idx = indexOf(id);
            if (idx >= 0) {
                removeAt(idx);
            }
            reader.peerRemoved(id);
        }

        for (int a = 0; a < addCount; a++) {
            int id = addScratch[a];
            int idx = indexOf(id);
            if (idx < 0) {
                continue;
            }
            ConnectedPeer peer = peers.get(idx);
            if (networkMode == NetworkMode.CLIENT) {
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
                            ConnectedPeer other = peers.get(i);
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

        reader.selectIfNone();
    }

    private void announce(ConnectedPeer peer) {
        if (!peer.announced) {
            peer.announced = true;
            events.push(PEER_CONNECTED, peer.id);
        }
    }

    // ---------------------------------------------------------------- packets (PacketReader, PacketWriter)

    /**
     * Packets waiting on the channels of reported peers; 0 while no next packet is selected (as
     * Godot, so that a positive count always means {@code getPacket} will succeed).
     */
    public synchronized int availablePacketCount() {
        return reader.availablePacketCount();
    }

    /** Sender of the next packet ({@code get_packet_peer}), 0 when none. */
    public synchronized int packetPeer() {
        return reader.packetPeer();
    }

    /** Channel of the next packet: 0 for the built-in channels, N for extra channel N. */
    public synchronized int packetChannel() {
        return reader.packetChannel();
    }

    /** Transfer mode of the next packet's channel; RELIABLE (with a message) when out of range. */
    public synchronized int packetMode() {
        return layout.mode(reader.channelIndex());
    }

    /** Size of the packet the next {@code getPacket} returns, or -1 when there is none. */
    public synchronized int nextPacketSize() {
        return reader.nextPacketSize();
    }

    /**
     * Moves the next packet to native memory ({@code capacity} bytes at {@code address}); returns
     * its length or a negated error. -ERR_OUT_OF_MEMORY leaves it queued and still next.
     */
    public synchronized int getPacket(long address, int capacity) {
        return reader.getPacket(address, capacity);
    }

    /** Sends {@code len} bytes at a native address to the target peer(s) on the resolved channel. */
    public synchronized int putPacket(long address, int len) {
        return connectionStatus == CONNECTION_DISCONNECTED ? notConnected() : writer.putPacket(address, len);
    }

    private static int notConnected() {
        return GodotError.fail(GodotError.ERR_UNCONFIGURED, "The multiplayer peer is not connected.");
    }


    /** Godot's fixed {@code get_max_packet_size}. */
    public synchronized int maxPacketSize() {
        return MAX_PACKET_SIZE;
    }

    // ---------------------------------------------------------------- MultiplayerPeer properties

    /** 0 sends on the built-in channel of the transfer mode; N > 0 on extra channel N. */
    public synchronized void setTransferChannel(int channel) {
        writer.transferChannel = channel;
    }

    public synchronized int transferChannel() {
        return writer.transferChannel;
    }

    /** Any value is stored; one that is not a TransferMode sends on the reliable channel. */
    public synchronized void setTransferMode(int mode) {
        writer.transferMode = mode;
    }

    public synchronized int transferMode() {
        return writer.transferMode;
    }

    /** 0 all peers, N > 0 peer N, N < 0 all peers but -N. */
    public synchronized void setTargetPeer(int peerId) {
        writer.targetPeer = peerId;
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
        return networkMode == NetworkMode.SERVER || networkMode == NetworkMode.CLIENT;
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
            ConnectedPeer peer = peers.remove(idx);
            peer.connected = false;
            peer.announced = false;
            released(peer);
            if (networkMode == NetworkMode.CLIENT && peerId == TARGET_PEER_SERVER) {
                connectionStatus = CONNECTION_DISCONNECTED;
            }
        } else {
            peers.get(idx).connection.close();
        }
        return GodotError.OK;
    }

    /**
     * {@code close()}: drops every peer without signals (their channels are closed), clears the
     * configuration and returns to DISCONNECTED. Signals queued and not yet read are dropped (a
     * handler closing the peer ends the batch it is part of, as Godot's class has no peer left to
     * signal); releases stay, so the owner still lets go of every entry.
     */
    public synchronized void close() {
        events.discardSignals();
        for (int i = 0, n = peers.size(); i < n; i++) {
            released(peers.get(i));
        }
        peers.clear();
        layout.clearExtra();
        uniqueId = 0;
        reader.reset();
        writer.targetPeer = 0;
        networkMode = NetworkMode.NONE;
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
