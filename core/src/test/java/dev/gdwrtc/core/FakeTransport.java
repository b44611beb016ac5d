package dev.gdwrtc.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * In-memory {@link PeerConnection}/{@link DataChannel} doubles for pure-logic tests. The test
 * drives connection and channel states; a packet put on an open channel is delivered to the
 * channel with the same negotiated id on the linked connection, if that one is open too.
 */
final class FakeTransport {
    private FakeTransport() {}

    /** Two connections linked to each other. */
    static Conn[] pair() {
        Conn a = new Conn();
        Conn b = new Conn();
        a.remote = b;
        b.remote = a;
        return new Conn[] {a, b};
    }

    static class Conn implements PeerConnection {
        int state = STATE_NEW;
        Conn remote;
        final List<Chan> channels = new ArrayList<>();
        /** Label whose creation fails (returns null), or null. */
        String failLabel;
        int closeCalls;

        /** Connection CONNECTED and every channel OPEN (on this side only). */
        Conn open() {
            state = STATE_CONNECTED;
            for (Chan c : channels) {
                c.state = DataChannel.STATE_OPEN;
            }
            return this;
        }

        Chan channel(int id) {
            for (Chan c : channels) {
                if (c.id == id) {
                    return c;
                }
            }
            return null;
        }

        @Override public int initialize(List<IceServer> iceServers) { return GodotError.OK; }

        @Override public DataChannel createDataChannel(String label, ChannelConfig config) {
            if (label.equals(failLabel)) {
                GodotError.fail(GodotError.ERR_CANT_CREATE, "fake refusal");
                return null;
            }
            Chan c = new Chan(this, label, config);
            channels.add(c);
            return c;
        }

        @Override public int createOffer() { return GodotError.OK; }
        @Override public int setLocalDescription(String type, String sdp) { return GodotError.OK; }
        @Override public int setRemoteDescription(String type, String sdp) { return GodotError.OK; }
        @Override public int addIceCandidate(String media, int index, String name) { return GodotError.OK; }
        @Override public int pollWhile(java.util.function.Predicate<Event> sink) { return GodotError.OK; }
        @Override public boolean hasEvents() { return false; }
        @Override public int connectionState() { return state; }
        @Override public int gatheringState() { return GATHERING_STATE_NEW; }
        @Override public int signalingState() { return SIGNALING_STATE_STABLE; }

        @Override public void close() {
            closeCalls++;
            state = STATE_CLOSED;
            for (Chan c : channels) {
                c.state = DataChannel.STATE_CLOSED;
            }
        }
    }

    static final class Chan implements DataChannel {
        final Conn owner;
        final String label;
        final ChannelConfig config;
        final int id;
        int state = STATE_CONNECTING;
        final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
        /** Every packet accepted by putPacket, in order. */
        final List<byte[]> sent = new ArrayList<>();
        /** When set, putPacket answers ERR_BUSY. */
        boolean busy;
        int closeCalls;

        Chan(Conn owner, String label, ChannelConfig config) {
            this.owner = owner;
            this.label = label;
            this.config = config;
            this.id = config.id();
        }

        /** Queues a packet as if it had arrived from the network. */
        Chan receive(byte... data) {
            inbox.add(data.clone());
            return this;
        }

        @Override public int putPacket(byte[] src, int offset, int length) {
            if (state != STATE_OPEN) {
                return GodotError.fail(GodotError.ERR_UNCONFIGURED, "fake channel not open");
            }
            if (busy) {
                return GodotError.fail(GodotError.ERR_BUSY, "fake channel busy");
            }
            byte[] copy = Arrays.copyOfRange(src, offset, offset + length);
            sent.add(copy);
            Chan peer = owner.remote == null ? null : owner.remote.channel(id);
            if (peer != null && peer.state == STATE_OPEN) {
                peer.inbox.add(copy);
            }
            return GodotError.OK;
        }

        @Override public int putPacket(long address, int length) {
            byte[] tmp = new byte[length];
            NativeMemory.read(address, tmp, 0, length);
            return putPacket(tmp, 0, length);
        }

        @Override public int availablePacketCount() { return inbox.size(); }

        @Override public int nextPacketSize() {
            byte[] p = inbox.peek();
            return p == null ? -1 : p.length;
        }

        @Override public int getPacket(long address, int capacity) {
            byte[] p = inbox.peek();
            if (p == null) {
                return -GodotError.ERR_UNAVAILABLE;
            }
            if (p.length > capacity) {
                return -GodotError.ERR_OUT_OF_MEMORY;
            }
            inbox.poll();
            NativeMemory.write(p, 0, address, p.length);
            return p.length;
        }

        @Override public int getPacket(byte[] dst, int offset, int capacity) {
            byte[] p = inbox.peek();
            if (p == null) {
                return -GodotError.ERR_UNAVAILABLE;
            }
            if (p.length > capacity) {
                return -GodotError.ERR_OUT_OF_MEMORY;
            }
            inbox.poll();
            System.arraycopy(p, 0, dst, offset, p.length);
            return p.length;
        }

        @Override public boolean wasStringPacket() { return false; }
        @Override public void setWriteMode(int mode) {}
        @Override public int writeMode() { return WRITE_MODE_BINARY; }
        @Override public int readyState() { return state; }
        @Override public String label() { return label; }
        @Override public boolean ordered() { return config.ordered(); }
        @Override public int id() { return id; }
        @Override public int maxPacketLifeTime() { return config.maxPacketLifeTime(); }
        @Override public int maxRetransmits() { return config.maxRetransmits(); }
        @Override public String protocol() { return config.protocol(); }
        @Override public boolean negotiated() { return config.negotiated(); }
        @Override public int bufferedAmount() { return 0; }
        @Override public int maxPacketSize() { return 65535; }

        @Override public void close() {
            closeCalls++;
            state = STATE_CLOSED;
        }
    }
}
