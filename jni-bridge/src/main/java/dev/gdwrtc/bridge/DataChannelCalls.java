package dev.gdwrtc.bridge;

import static dev.gdwrtc.core.GodotError.OK;

/** The {@code gdwrtc_dc_*} calls: Godot's {@code WebRTCDataChannel} over a core channel. */
final class DataChannelCalls {
    private DataChannelCalls() {}

    static int putPacket(int h, long buffer, int length) {
        var d = Calls.dc(h);
        Calls.checkBuffer(buffer, length, "the packet");
        return d.putPacket(buffer, length);
    }

    static int getPacket(int h, long buffer, int capacity) {
        var d = Calls.dc(h);
        Calls.checkBuffer(buffer, capacity, "the packet buffer");
        return d.getPacket(buffer, capacity);
    }

    static int nextPacketSize(int h) {
        return Calls.dc(h).nextPacketSize();
    }

    static int availablePacketCount(int h) {
        return Calls.dc(h).availablePacketCount();
    }

    static int maxPacketSize(int h) {
        return Calls.dc(h).maxPacketSize();
    }

    static int wasStringPacket(int h) {
        return Calls.dc(h).wasStringPacket() ? 1 : 0;
    }

    static int setWriteMode(int h, int mode) {
        Calls.dc(h).setWriteMode(mode);
        return OK;
    }

    static int writeMode(int h) {
        return Calls.dc(h).writeMode();
    }

    static int readyState(int h) {
        return Calls.dc(h).readyState();
    }

    static int label(int h, long buffer, int capacity) {
        return Calls.putStr(Calls.dc(h).label(), buffer, capacity, "the label buffer");
    }

    static int protocol(int h, long buffer, int capacity) {
        return Calls.putStr(Calls.dc(h).protocol(), buffer, capacity, "the protocol buffer");
    }

    static int isOrdered(int h) {
        return Calls.dc(h).ordered() ? 1 : 0;
    }

    static int isNegotiated(int h) {
        return Calls.dc(h).negotiated() ? 1 : 0;
    }

    static int id(int h) {
        return Calls.dc(h).id();
    }

    static int maxPacketLifeTime(int h) {
        return Calls.dc(h).maxPacketLifeTime();
    }

    static int maxRetransmits(int h) {
        return Calls.dc(h).maxRetransmits();
    }

    static int bufferedAmount(int h) {
        return Calls.dc(h).bufferedAmount();
    }

    static int close(int h) {
        Calls.dc(h).close();
        return OK;
    }
}
