package dev.gdwrtc.core;

import java.util.List;

/**
 * The reading half of the multiplayer peer, as Godot's: which peer and channel the next packet
 * comes from (round robin over the peers reported connected), and reading it. Called with the
 * multiplayer peer's lock held.
 */
final class PacketReader {
    private final List<ConnectedPeer> peers;
    private int nextPacketPeer;
    private int nextPacketChannel;

    PacketReader(List<ConnectedPeer> peers) {
        this.peers = peers;
    }

    /** Index of the next packet's channel in its peer's channel list. */
    int channelIndex() {
        return nextPacketChannel;
    }

    /** Forgets the selection when its peer left the map. */
    void peerRemoved(int id) {
        if (nextPacketPeer == id) {
            nextPacketPeer = 0;
        }
    }

    /** Selects the next packet if none is selected. */
    void selectIfNone() {
        if (nextPacketPeer == 0) {
            findNextPeer();
        }
    }

    void reset() {
        nextPacketPeer = 0;
        nextPacketChannel = 0;
    }

    /**
     * Packets waiting on the channels of reported peers; 0 while no next packet is selected (as
     * Godot, so that a positive count always means {@code getPacket} will succeed).
     */
    int availablePacketCount() {
        if (nextPacketPeer == 0) {
            return 0;
        }
        int size = 0;
        for (int i = 0, n = peers.size(); i < n; i++) {
            ConnectedPeer peer = peers.get(i);
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
    int packetPeer() {
        return nextPacketPeer;
    }

    /** Channel of the next packet: 0 for the built-in channels, N for extra channel N. */
    int packetChannel() {
        return nextPacketChannel < WebRtcMultiplayer.CH_RESERVED_MAX
                ? 0
                : nextPacketChannel - WebRtcMultiplayer.CH_RESERVED_MAX + 1;
    }

    /** Size of the packet the next {@code getPacket} returns, or -1 when there is none. */
    int nextPacketSize() {
        DataChannel ch = currentChannel();
        return ch == null ? -1 : ch.nextPacketSize();
    }

    /**
     * Moves the next packet to native memory ({@code capacity} bytes at {@code address}); returns
     * its length or a negated error. -ERR_OUT_OF_MEMORY leaves it queued and still next.
     */
    int getPacket(long address, int capacity) {
        if (address == 0 || capacity < 0) {
            return -GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Invalid destination buffer.");
        }
        DataChannel ch = prepareRead();
        if (ch == null) {
            return readFailure();
        }
        return finishRead(ch.getPacket(address, capacity), ch, capacity);
    }

    private int lastReadError;

    /**
     * The channel to read from, or null after recording the failure in lastReadError. As Godot:
     * the selected peer only has to be in the map. The packet read is the one on the selected
     * channel, so that what {@link #packetChannel} and the mode reported describe the packet read
     * (Godot reads the peer's first channel holding any, which differs when a packet arrived on an
     * earlier channel since the selection: a reliable packet would be taken for an unreliable
     * one, and a game echoing it in that mode could lose it). Only when the selected channel was
     * emptied behind the reader (a script reading the channel itself) is it the first channel
     * holding a packet. A selected peer without packets (its entry was replaced by
     * {@link #addPeer}) is ERR_BUG.
     */
    private DataChannel prepareRead() {
        int idx = nextPacketPeer == 0 ? -1 : ConnectedPeer.indexOf(peers, nextPacketPeer);
        if (idx < 0) {
            findNextPeer();
            lastReadError = GodotError.fail(GodotError.ERR_UNAVAILABLE, "No packet available.");
            return null;
        }
        DataChannel ch = selectedChannel(peers.get(idx));
        if (ch == null) {
            findNextPeer();
            lastReadError = GodotError.fail(
                    GodotError.ERR_BUG,
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
            return -GodotError.fail(
                    GodotError.ERR_OUT_OF_MEMORY,
                    "The next packet (" + ch.nextPacketSize() + " bytes) does not fit in " + capacity + " bytes.");
        }
        findNextPeer();
        return result;
    }

    private static DataChannel firstChannelWithPacket(ConnectedPeer peer) {
        for (DataChannel ch : peer.channels) {
            if (ch.availablePacketCount() > 0) {
                return ch;
            }
        }
        return null;
    }

    /** The selected channel of {@code peer} if it holds a packet, else its first channel that does. */
    private DataChannel selectedChannel(ConnectedPeer peer) {
        DataChannel[] chs = peer.channels;
        if (nextPacketChannel < chs.length && chs[nextPacketChannel].availablePacketCount() > 0) {
            return chs[nextPacketChannel];
        }
        return firstChannelWithPacket(peer);
    }

    /** The channel the next {@code getPacket} reads, or null when it will fail. */
    private DataChannel currentChannel() {
        int idx = nextPacketPeer == 0 ? -1 : ConnectedPeer.indexOf(peers, nextPacketPeer);
        return idx < 0 ? null : selectedChannel(peers.get(idx));
    }

    /** Godot's {@code _find_next_peer}: the first peer after the current one, wrapping, with a packet. */
    void findNextPeer() {
        int n = peers.size();
        int start = ConnectedPeer.indexOf(peers, nextPacketPeer);
        if (start >= 0) {
            for (int i = start + 1; i < n; i++) {
                if (selectIfPending(peers.get(i))) {
                    return;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            ConnectedPeer peer = peers.get(i);
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

    private boolean selectIfPending(ConnectedPeer peer) {
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
}
