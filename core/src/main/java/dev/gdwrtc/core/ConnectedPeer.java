package dev.gdwrtc.core;

import java.util.List;

/** A peer of the multiplayer peer's map: its connection, its channels and what was reported. */
final class ConnectedPeer {
    final int id;
    /** This entry's handle, unique among the entries of one map: an id may name a later entry. */
    final int handle;
    final PeerConnection connection;
    final DataChannel[] channels;
    /** Godot's {@code connected}: all channels were seen open. */
    boolean connected;
    /** peer_connected was emitted (differs from connected only while held back). */
    boolean announced;

    ConnectedPeer(int id, int handle, PeerConnection connection, DataChannel[] channels) {
        this.id = id;
        this.handle = handle;
        this.connection = connection;
        this.channels = channels;
    }

    /** What poll() makes of a peer: still connecting, all channels open, or gone. */
    enum Progress {
        CONNECTING,
        OPEN,
        GONE
    }

    /**
     * GONE when the connection is DISCONNECTED, FAILED or CLOSED or a channel is CLOSING/CLOSED;
     * OPEN when the connection is CONNECTED and every channel OPEN; CONNECTING otherwise.
     */
    Progress progress() {
        int state = connection.connectionState();
        if (state == PeerConnection.STATE_NEW || state == PeerConnection.STATE_CONNECTING) {
            return Progress.CONNECTING;
        }
        if (state != PeerConnection.STATE_CONNECTED) {
            return Progress.GONE;
        }
        int open = 0;
        for (DataChannel ch : channels) {
            int rs = ch.readyState();
            if (rs == DataChannel.STATE_OPEN) {
                open++;
            } else if (rs != DataChannel.STATE_CONNECTING) {
                return Progress.GONE;
            }
        }
        return open == channels.length ? Progress.OPEN : Progress.CONNECTING;
    }

    void closeChannels() {
        for (DataChannel ch : channels) {
            if (ch != null) {
                ch.close();
            }
        }
    }

    /** Where peer {@code id} is in a peer map (kept in Godot's order), or -1. */
    static int indexOf(List<ConnectedPeer> peers, int id) {
        for (int i = 0, n = peers.size(); i < n; i++) {
            if (peers.get(i).id == id) {
                return i;
            }
        }
        return -1;
    }
}
