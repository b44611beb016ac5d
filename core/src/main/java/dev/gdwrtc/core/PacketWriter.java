package dev.gdwrtc.core;

import java.util.List;

/**
 * The writing half of the multiplayer peer, as Godot's: which channel of which peers a packet goes
 * to (target peer, transfer channel and mode), and sending it. Called with the multiplayer peer's
 * lock held, once it is connected.
 */
final class PacketWriter {
    private final List<ConnectedPeer> peers;
    int targetPeer;
    int transferChannel;
    int transferMode = WebRtcMultiplayer.TRANSFER_MODE_RELIABLE;

    PacketWriter(List<ConnectedPeer> peers) {
        this.peers = peers;
    }

    /** Sends {@code len} bytes at a native address to the target peer(s) on the resolved channel. */
    int putPacket(long address, int len) {
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
            ConnectedPeer peer = peers.get(i);
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
        return GodotError.fail(
                GodotError.ERR_BUSY,
                "The send queue to peer " + peerId
                        + " is full: the broadcast packet was not sent to it; try again later.");
    }

    /** Channel index for the current transfer channel/mode (may be out of range: checked per peer). */
    private int resolveChannel() {
        if (transferChannel == 0) {
            return switch (transferMode) {
                case WebRtcMultiplayer.TRANSFER_MODE_UNRELIABLE_ORDERED -> WebRtcMultiplayer.CH_ORDERED;
                case WebRtcMultiplayer.TRANSFER_MODE_UNRELIABLE -> WebRtcMultiplayer.CH_UNRELIABLE;
                default -> WebRtcMultiplayer.CH_RELIABLE;
            };
        }
        return transferChannel + WebRtcMultiplayer.CH_RESERVED_MAX - 1;
    }

    private DataChannel targetChannel(int ch) {
        int idx = ConnectedPeer.indexOf(peers, targetPeer);
        if (idx < 0) {
            lastPutError =
                    GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Invalid target peer: " + targetPeer + ".");
            return null;
        }
        ConnectedPeer peer = peers.get(idx);
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
}
