package dev.gdwrtc.bridge;

import static dev.gdwrtc.core.GodotError.OK;

import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.NativeMemory;
import dev.gdwrtc.core.WebRtcMultiplayer;
import java.util.List;

/**
 * The {@code gdwrtc_mp_*} calls: Godot's {@code WebRTCMultiplayerPeer} over the core's
 * {@link WebRtcMultiplayer}, made {@link WebRtcMultiplayer#heldByOwner() held by its owner}: the
 * GDExtension holds each peer's connection and channels as Godot objects, and the core's event
 * stream tells it when to let go of them and which connections to poll.
 */
final class MultiplayerPeerCalls {
    private MultiplayerPeerCalls() {}

    static int create() {
        return Calls.handleOf(WebRtcMultiplayer.heldByOwner());
    }

    static int createServer(int h, long config, int count) {
        var m = Calls.mp(h);
        return m.createServer(Calls.ints(config, count, "channels_config"));
    }

    static int createClient(int h, int id, long config, int count) {
        var m = Calls.mp(h);
        return m.createClient(id, Calls.ints(config, count, "channels_config"));
    }

    static int createMesh(int h, int id, long config, int count) {
        var m = Calls.mp(h);
        return m.createMesh(id, Calls.ints(config, count, "channels_config"));
    }

    static int initialize(int h, int id, int serverCompatibility) {
        return Calls.mp(h).initialize(id, serverCompatibility != 0);
    }

    /** Handle 0 is a null connection, which the core refuses after its other checks, as Godot. */
    static int addPeer(int h, int pcHandle, int id, int unreliableLifetime) {
        var m = Calls.mp(h);
        return m.addPeer(pcHandle == 0 ? null : Calls.pc(pcHandle), id, unreliableLifetime);
    }

    static int removePeer(int h, int id) {
        return Calls.mp(h).removePeer(id);
    }

    static int hasPeer(int h, int id) {
        return Calls.mp(h).hasPeer(id) ? 1 : 0;
    }

    /** Writes the peer ids (int32) and returns how many there are (more than cap: call again). */
    static int peerIds(int h, long out, int capacity) {
        var m = Calls.mp(h);
        Calls.checkBuffer(out, capacity, "the id array");
        int[] ids = m.peerIds();
        Calls.putInts(ids, ids.length, out, capacity);
        return ids.length;
    }

    /** The handle of peer {@code id}'s entry in the core's map (see {@link WebRtcMultiplayer#peerHandle}). */
    static int peerHandle(int h, int id) {
        return Calls.mp(h).peerHandle(id);
    }

    /** Writes the handles of the peer's channels and returns their count, as {@link #peerIds}. */
    static int peerChannels(int h, int id, long out, int capacity) {
        var m = Calls.mp(h);
        Calls.checkBuffer(out, capacity, "the handle array");
        if (!m.hasPeer(id)) {
            return -GodotError.fail(GodotError.ERR_DOES_NOT_EXIST, "Peer " + id + " does not exist.");
        }
        List<DataChannel> channels = m.peerChannels(id);
        for (int i = 0; i < channels.size() && i < capacity; i++) {
            NativeMemory.putInt(out + 4L * i, Calls.handleOf(channels.get(i)));
        }
        return channels.size();
    }

    static int peerConnected(int h, int id) {
        var m = Calls.mp(h);
        return m.hasPeer(id) && m.peerConnected(id) ? 1 : 0;
    }

    static int putPacket(int h, long buffer, int length) {
        var m = Calls.mp(h);
        Calls.checkBuffer(buffer, length, "the packet");
        return m.putPacket(buffer, length);
    }

    static int getPacket(int h, long buffer, int capacity) {
        var m = Calls.mp(h);
        Calls.checkBuffer(buffer, capacity, "the packet buffer");
        return m.getPacket(buffer, capacity);
    }

    static int nextPacketSize(int h) {
        return Calls.mp(h).nextPacketSize();
    }

    static int availablePacketCount(int h) {
        return Calls.mp(h).availablePacketCount();
    }

    static int maxPacketSize(int h) {
        return Calls.mp(h).maxPacketSize();
    }

    static int packetPeer(int h) {
        return Calls.mp(h).packetPeer();
    }

    static int packetChannel(int h) {
        return Calls.mp(h).packetChannel();
    }

    static int packetMode(int h) {
        return Calls.mp(h).packetMode();
    }

    static int setTransferChannel(int h, int channel) {
        Calls.mp(h).setTransferChannel(channel);
        return OK;
    }

    static int transferChannel(int h) {
        return Calls.mp(h).transferChannel();
    }

    static int setTransferMode(int h, int mode) {
        Calls.mp(h).setTransferMode(mode);
        return OK;
    }

    static int transferMode(int h) {
        return Calls.mp(h).transferMode();
    }

    static int setTargetPeer(int h, int peer) {
        Calls.mp(h).setTargetPeer(peer);
        return OK;
    }

    static int isServer(int h) {
        return Calls.mp(h).isServer() ? 1 : 0;
    }

    /**
     * The multiplayer peer's whole poll in one crossing: the core polls, then its event stream is
     * written as (type, value) int32 pairs (connections with events first, then signals and
     * released entries in order; a signal's value is a peer id, the others' an entry handle) and
     * the count returned. What does not fit stays for
     * {@link #drainEvents}.
     */
    static int poll(int h, long out, int capacity) {
        var m = Calls.mp(h);
        Calls.checkBuffer(out, capacity, "the event array");
        m.poll();
        return drain(m, out, capacity);
    }

    static int drainEvents(int h, long out, int capacity) {
        var m = Calls.mp(h);
        Calls.checkBuffer(out, capacity, "the event array");
        return drain(m, out, capacity);
    }

    private static int drain(WebRtcMultiplayer m, long out, int capacity) {
        if (capacity == 0 || m.pendingEventCount() == 0) {
            return 0; // an idle frame allocates nothing
        }
        int[] pairs = new int[Math.min(capacity, m.pendingEventCount()) * 2];
        int n = m.drainEvents(pairs);
        Calls.putInts(pairs, n * 2, out, capacity * 2);
        return n;
    }

    static int close(int h) {
        Calls.mp(h).close();
        return OK;
    }

    static int disconnectPeer(int h, int id, int force) {
        return Calls.mp(h).disconnectPeer(id, force != 0);
    }

    static int uniqueId(int h) {
        return Calls.mp(h).uniqueId();
    }

    static int connectionStatus(int h) {
        return Calls.mp(h).connectionStatus();
    }

    static int setRefuseNewConnections(int h, int enable) {
        Calls.mp(h).setRefuseNewConnections(enable != 0);
        return OK;
    }

    static int isRefusingNewConnections(int h) {
        return Calls.mp(h).isRefusingNewConnections() ? 1 : 0;
    }

    static int isServerRelaySupported(int h) {
        return Calls.mp(h).isServerRelaySupported() ? 1 : 0;
    }
}
