package dev.gdwrtc.tests.network;

import dev.gdwrtc.core.NativeMemory;
import dev.gdwrtc.core.WebRtcMultiplayer;

/** A multiplayer peer's packets from and into Java arrays, through native memory as the extension passes them. */
final class NativePackets {
    private NativePackets() {}

    static int put(WebRtcMultiplayer mp, byte[] data, int length) {
        long address = NativeMemory.allocate(Math.max(length, 1));
        try {
            NativeMemory.write(data, 0, address, length);
            return mp.putPacket(address, length);
        } finally {
            NativeMemory.free(address);
        }
    }

    /** The next packet into {@code dst}: its length, or a negated Godot error. */
    static int get(WebRtcMultiplayer mp, byte[] dst) {
        long address = NativeMemory.allocate(Math.max(dst.length, 1));
        try {
            int n = mp.getPacket(address, dst.length);
            if (n > 0) {
                NativeMemory.read(address, dst, 0, n);
            }
            return n;
        } finally {
            NativeMemory.free(address);
        }
    }
}
