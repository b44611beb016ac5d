package dev.gdwrtc.bridge;

import static dev.gdwrtc.core.GodotError.ERR_INVALID_PARAMETER;
import static dev.gdwrtc.core.GodotError.OK;
import static dev.gdwrtc.core.GodotError.fail;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.NativeMemory;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.config.RtcConfig;
import dev.gdwrtc.core.config.RtcConfigParser;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code gdwrtc_pc_*} calls: Godot's {@code WebRTCPeerConnection} over a core
 * {@link PeerConnection}. Arguments are handles, ints and native addresses with lengths (strings
 * are UTF-8, not NUL-terminated); see {@link Calls} for checks, failures and threading.
 */
final class PeerConnectionCalls {
    /** Tags of {@link #pcPoll}'s records. */
    static final int EV_SESSION_DESCRIPTION = 1;
    static final int EV_ICE_CANDIDATE = 2;
    static final int EV_DATA_CHANNEL = 3;
    static final int EV_FAILURE = 4;

    private PeerConnectionCalls() {}

    private static String str(long address, int length) {
        return Calls.str(address, length, "a string argument");
    }

    static int pcCreate() {
        return Calls.handleOf(WebRtcJavaRuntime.get().newPeerConnection());
    }

    static int pcInitialize(int h, long json, int length) {
        PeerConnection pc = Calls.pc(h);
        Calls.checkBuffer(json, length, "the configuration");
        RtcConfig config;
        try {
            config = RtcConfigParser.peerConfig(str(json, length));
        } catch (RtcConfigParser.InvalidConfigException e) {
            return fail(ERR_INVALID_PARAMETER, e.getMessage());
        }
        return pc.initialize(config);
    }

    static int pcCreateDataChannel(int h, long label, int labelLength, long json, int jsonLength) {
        PeerConnection pc = Calls.pc(h);
        Calls.checkBuffer(json, jsonLength, "the channel options");
        Calls.checkBuffer(label, labelLength, "the label");
        ChannelConfig cfg;
        try {
            cfg = RtcConfigParser.channelConfig(str(json, jsonLength));
        } catch (RtcConfigParser.InvalidConfigException e) {
            return -fail(ERR_INVALID_PARAMETER, e.getMessage());
        }
        DataChannel d = pc.createDataChannel(str(label, labelLength), cfg);
        return d == null ? -GodotError.ERR_CANT_CREATE : Calls.handleOf(d);
    }

    static int pcCreateOffer(int h) {
        return Calls.pc(h).createOffer();
    }

    static int pcSetLocalDescription(int h, long type, int typeLength, long sdp, int sdpLength) {
        return Calls.pc(h).setLocalDescription(str(type, typeLength), str(sdp, sdpLength));
    }

    static int pcSetRemoteDescription(int h, long type, int typeLength, long sdp, int sdpLength) {
        return Calls.pc(h).setRemoteDescription(str(type, typeLength), str(sdp, sdpLength));
    }

    static int pcAddIceCandidate(int h, long media, int mediaLength, int index, long name, int nameLength) {
        return Calls.pc(h).addIceCandidate(str(media, mediaLength), index, str(name, nameLength));
    }

    /**
     * Writes the connection's queued events into the caller's buffer as tagged records (int32
     * tag, then int32 ints and int32-length-prefixed UTF-8 strings, little-endian) and returns the
     * bytes written. Events that do not fit stay queued in the core, and the size the next one
     * needs is stored at {@code moreAddress} (may be NULL), 0 when all were delivered.
     */
    static int pcPoll(int h, long buffer, int capacity, long moreAddress) {
        PeerConnection pc = Calls.pc(h);
        Calls.checkBuffer(buffer, capacity, "the event buffer");
        int[] written = {0, 0}; // bytes written, size the next record needs
        int err = pc.pollWhile(e -> {
            byte[] record = encode(e);
            if (record.length > capacity - written[0]) {
                written[1] = record.length;
                return false;
            }
            NativeMemory.write(record, 0, buffer + written[0], record.length);
            written[0] += record.length;
            return true;
        });
        if (err != OK) {
            return -err;
        }
        if (moreAddress != 0) {
            NativeMemory.putInt(moreAddress, written[1]);
        }
        return written[0];
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
            fields.add(Calls.handleOf(d.channel()));
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
        return Calls.pc(h).connectionState();
    }

    static int pcGatheringState(int h) {
        return Calls.pc(h).gatheringState();
    }

    static int pcSignalingState(int h) {
        return Calls.pc(h).signalingState();
    }

    static int pcClose(int h) {
        Calls.pc(h).close();
        return OK;
    }
}
