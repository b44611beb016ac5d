package dev.gdwrtc.bridge;

import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Allocator;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The C ABI: each nested class becomes one exported C function {@code gdwrtc_*} (JavaCPP writes
 * its declaration into {@code jniGdwrtc.h}). Every function returns an int: a Godot error, or a
 * handle, count or length that is negative with the negated error on failure; the message of a
 * failure is read with {@code gdwrtc_last_error}. Pointers arrive as addresses, so no Java object
 * is made per call. A Java exception would become a C++ throw in the caller: each call catches
 * everything and answers {@code ERR_BUG} instead.
 */
@Platform(library = "jniGdwrtc")
public final class Exports {
    private Exports() {}

    // --- runtime -----------------------------------------------------------------------------
    @Allocator(max = 1)
    public static class LastError extends FunctionPointer {
        static { Loader.load(); }
        protected LastError() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_last_error") int call(@Cast("char*") long buffer, int capacity) {
            try { return PeerConnectionCalls.lastError(buffer, capacity); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class Release extends FunctionPointer {
        static { Loader.load(); }
        protected Release() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_release") int call(int handle) {
            try { return PeerConnectionCalls.release(handle); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class Shutdown extends FunctionPointer {
        static { Loader.load(); }
        protected Shutdown() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_shutdown") int call() {
            try { return PeerConnectionCalls.shutdown(); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class LiveHandles extends FunctionPointer {
        static { Loader.load(); }
        protected LiveHandles() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_live_handles") int call() {
            try { return PeerConnectionCalls.liveHandles(); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }

    // --- peer connection ---------------------------------------------------------------------
    @Allocator(max = 1)
    public static class PcCreate extends FunctionPointer {
        static { Loader.load(); }
        protected PcCreate() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_pc_create") int call() {
            try { return PeerConnectionCalls.pcCreate(); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class PcInitialize extends FunctionPointer {
        static { Loader.load(); }
        protected PcInitialize() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_pc_initialize") int call(int pc, @Cast("const char*") long configJson, int configJsonLength) {
            try { return PeerConnectionCalls.pcInitialize(pc, configJson, configJsonLength); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class PcCreateDataChannel extends FunctionPointer {
        static { Loader.load(); }
        protected PcCreateDataChannel() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_pc_create_data_channel") int call(int pc, @Cast("const char*") long label, int labelLength, @Cast("const char*") long optionsJson, int optionsJsonLength) {
            try { return PeerConnectionCalls.pcCreateDataChannel(pc, label, labelLength, optionsJson, optionsJsonLength); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class PcCreateOffer extends FunctionPointer {
        static { Loader.load(); }
        protected PcCreateOffer() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_pc_create_offer") int call(int pc) {
            try { return PeerConnectionCalls.pcCreateOffer(pc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class PcSetLocalDescription extends FunctionPointer {
        static { Loader.load(); }
        protected PcSetLocalDescription() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_pc_set_local_description") int call(int pc, @Cast("const char*") long type, int typeLength, @Cast("const char*") long sdp, int sdpLength) {
            try { return PeerConnectionCalls.pcSetLocalDescription(pc, type, typeLength, sdp, sdpLength); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class PcSetRemoteDescription extends FunctionPointer {
        static { Loader.load(); }
        protected PcSetRemoteDescription() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_pc_set_remote_description") int call(int pc, @Cast("const char*") long type, int typeLength, @Cast("const char*") long sdp, int sdpLength) {
            try { return PeerConnectionCalls.pcSetRemoteDescription(pc, type, typeLength, sdp, sdpLength); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class PcAddIceCandidate extends FunctionPointer {
        static { Loader.load(); }
        protected PcAddIceCandidate() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_pc_add_ice_candidate") int call(int pc, @Cast("const char*") long media, int mediaLength, int index, @Cast("const char*") long name, int nameLength) {
            try { return PeerConnectionCalls.pcAddIceCandidate(pc, media, mediaLength, index, name, nameLength); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class PcPoll extends FunctionPointer {
        static { Loader.load(); }
        protected PcPoll() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_pc_poll") int call(int pc, @Cast("uint8_t*") long buffer, int capacity, @Cast("int*") long more) {
            try { return PeerConnectionCalls.pcPoll(pc, buffer, capacity, more); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class PcConnectionState extends FunctionPointer {
        static { Loader.load(); }
        protected PcConnectionState() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_pc_connection_state") int call(int pc) {
            try { return PeerConnectionCalls.pcConnectionState(pc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class PcGatheringState extends FunctionPointer {
        static { Loader.load(); }
        protected PcGatheringState() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_pc_gathering_state") int call(int pc) {
            try { return PeerConnectionCalls.pcGatheringState(pc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class PcSignalingState extends FunctionPointer {
        static { Loader.load(); }
        protected PcSignalingState() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_pc_signaling_state") int call(int pc) {
            try { return PeerConnectionCalls.pcSignalingState(pc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class PcClose extends FunctionPointer {
        static { Loader.load(); }
        protected PcClose() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_pc_close") int call(int pc) {
            try { return PeerConnectionCalls.pcClose(pc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }

    // --- data channel ------------------------------------------------------------------------
    @Allocator(max = 1)
    public static class DcPutPacket extends FunctionPointer {
        static { Loader.load(); }
        protected DcPutPacket() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_put_packet") int call(int dc, @Cast("const uint8_t*") long buffer, int length) {
            try { return PeerConnectionCalls.dcPutPacket(dc, buffer, length); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcGetPacket extends FunctionPointer {
        static { Loader.load(); }
        protected DcGetPacket() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_get_packet") int call(int dc, @Cast("uint8_t*") long buffer, int capacity) {
            try { return PeerConnectionCalls.dcGetPacket(dc, buffer, capacity); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcNextPacketSize extends FunctionPointer {
        static { Loader.load(); }
        protected DcNextPacketSize() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_next_packet_size") int call(int dc) {
            try { return PeerConnectionCalls.dcNextPacketSize(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcAvailablePacketCount extends FunctionPointer {
        static { Loader.load(); }
        protected DcAvailablePacketCount() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_available_packet_count") int call(int dc) {
            try { return PeerConnectionCalls.dcAvailablePacketCount(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcMaxPacketSize extends FunctionPointer {
        static { Loader.load(); }
        protected DcMaxPacketSize() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_max_packet_size") int call(int dc) {
            try { return PeerConnectionCalls.dcMaxPacketSize(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcWasStringPacket extends FunctionPointer {
        static { Loader.load(); }
        protected DcWasStringPacket() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_was_string_packet") int call(int dc) {
            try { return PeerConnectionCalls.dcWasStringPacket(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcSetWriteMode extends FunctionPointer {
        static { Loader.load(); }
        protected DcSetWriteMode() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_set_write_mode") int call(int dc, int mode) {
            try { return PeerConnectionCalls.dcSetWriteMode(dc, mode); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcWriteMode extends FunctionPointer {
        static { Loader.load(); }
        protected DcWriteMode() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_write_mode") int call(int dc) {
            try { return PeerConnectionCalls.dcWriteMode(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcReadyState extends FunctionPointer {
        static { Loader.load(); }
        protected DcReadyState() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_ready_state") int call(int dc) {
            try { return PeerConnectionCalls.dcReadyState(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcLabel extends FunctionPointer {
        static { Loader.load(); }
        protected DcLabel() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_label") int call(int dc, @Cast("char*") long buffer, int capacity) {
            try { return PeerConnectionCalls.dcLabel(dc, buffer, capacity); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcProtocol extends FunctionPointer {
        static { Loader.load(); }
        protected DcProtocol() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_protocol") int call(int dc, @Cast("char*") long buffer, int capacity) {
            try { return PeerConnectionCalls.dcProtocol(dc, buffer, capacity); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcIsOrdered extends FunctionPointer {
        static { Loader.load(); }
        protected DcIsOrdered() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_is_ordered") int call(int dc) {
            try { return PeerConnectionCalls.dcIsOrdered(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcIsNegotiated extends FunctionPointer {
        static { Loader.load(); }
        protected DcIsNegotiated() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_is_negotiated") int call(int dc) {
            try { return PeerConnectionCalls.dcIsNegotiated(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcId extends FunctionPointer {
        static { Loader.load(); }
        protected DcId() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_id") int call(int dc) {
            try { return PeerConnectionCalls.dcId(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcMaxPacketLifeTime extends FunctionPointer {
        static { Loader.load(); }
        protected DcMaxPacketLifeTime() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_max_packet_life_time") int call(int dc) {
            try { return PeerConnectionCalls.dcMaxPacketLifeTime(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcMaxRetransmits extends FunctionPointer {
        static { Loader.load(); }
        protected DcMaxRetransmits() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_max_retransmits") int call(int dc) {
            try { return PeerConnectionCalls.dcMaxRetransmits(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcBufferedAmount extends FunctionPointer {
        static { Loader.load(); }
        protected DcBufferedAmount() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_buffered_amount") int call(int dc) {
            try { return PeerConnectionCalls.dcBufferedAmount(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class DcClose extends FunctionPointer {
        static { Loader.load(); }
        protected DcClose() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_dc_close") int call(int dc) {
            try { return PeerConnectionCalls.dcClose(dc); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }

    // --- multiplayer peer --------------------------------------------------------------------
    @Allocator(max = 1)
    public static class MpCreate extends FunctionPointer {
        static { Loader.load(); }
        protected MpCreate() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_create") int call() {
            try { return PeerConnectionCalls.mpCreate(); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpCreateServer extends FunctionPointer {
        static { Loader.load(); }
        protected MpCreateServer() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_create_server") int call(int mp, @Cast("const int*") long channelsConfig, int channelsConfigCount) {
            try { return PeerConnectionCalls.mpCreateServer(mp, channelsConfig, channelsConfigCount); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpCreateClient extends FunctionPointer {
        static { Loader.load(); }
        protected MpCreateClient() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_create_client") int call(int mp, int peerId, @Cast("const int*") long channelsConfig, int channelsConfigCount) {
            try { return PeerConnectionCalls.mpCreateClient(mp, peerId, channelsConfig, channelsConfigCount); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpCreateMesh extends FunctionPointer {
        static { Loader.load(); }
        protected MpCreateMesh() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_create_mesh") int call(int mp, int peerId, @Cast("const int*") long channelsConfig, int channelsConfigCount) {
            try { return PeerConnectionCalls.mpCreateMesh(mp, peerId, channelsConfig, channelsConfigCount); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpInitialize extends FunctionPointer {
        static { Loader.load(); }
        protected MpInitialize() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_initialize") int call(int mp, int peerId, int serverCompatibility) {
            try { return PeerConnectionCalls.mpInitialize(mp, peerId, serverCompatibility); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpAddPeer extends FunctionPointer {
        static { Loader.load(); }
        protected MpAddPeer() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_add_peer") int call(int mp, int pc, int peerId, int unreliableLifetime) {
            try { return PeerConnectionCalls.mpAddPeer(mp, pc, peerId, unreliableLifetime); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpRemovePeer extends FunctionPointer {
        static { Loader.load(); }
        protected MpRemovePeer() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_remove_peer") int call(int mp, int peerId) {
            try { return PeerConnectionCalls.mpRemovePeer(mp, peerId); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpHasPeer extends FunctionPointer {
        static { Loader.load(); }
        protected MpHasPeer() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_has_peer") int call(int mp, int peerId) {
            try { return PeerConnectionCalls.mpHasPeer(mp, peerId); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpPeerIds extends FunctionPointer {
        static { Loader.load(); }
        protected MpPeerIds() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_peer_ids") int call(int mp, @Cast("int*") long out, int capacity) {
            try { return PeerConnectionCalls.mpPeerIds(mp, out, capacity); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpPeerChannels extends FunctionPointer {
        static { Loader.load(); }
        protected MpPeerChannels() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_peer_channels") int call(int mp, int peerId, @Cast("int*") long out, int capacity) {
            try { return PeerConnectionCalls.mpPeerChannels(mp, peerId, out, capacity); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpPeerConnected extends FunctionPointer {
        static { Loader.load(); }
        protected MpPeerConnected() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_peer_connected") int call(int mp, int peerId) {
            try { return PeerConnectionCalls.mpPeerConnected(mp, peerId); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpPutPacket extends FunctionPointer {
        static { Loader.load(); }
        protected MpPutPacket() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_put_packet") int call(int mp, @Cast("const uint8_t*") long buffer, int length) {
            try { return PeerConnectionCalls.mpPutPacket(mp, buffer, length); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpGetPacket extends FunctionPointer {
        static { Loader.load(); }
        protected MpGetPacket() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_get_packet") int call(int mp, @Cast("uint8_t*") long buffer, int capacity) {
            try { return PeerConnectionCalls.mpGetPacket(mp, buffer, capacity); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpNextPacketSize extends FunctionPointer {
        static { Loader.load(); }
        protected MpNextPacketSize() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_next_packet_size") int call(int mp) {
            try { return PeerConnectionCalls.mpNextPacketSize(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpAvailablePacketCount extends FunctionPointer {
        static { Loader.load(); }
        protected MpAvailablePacketCount() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_available_packet_count") int call(int mp) {
            try { return PeerConnectionCalls.mpAvailablePacketCount(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpMaxPacketSize extends FunctionPointer {
        static { Loader.load(); }
        protected MpMaxPacketSize() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_max_packet_size") int call(int mp) {
            try { return PeerConnectionCalls.mpMaxPacketSize(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpPacketPeer extends FunctionPointer {
        static { Loader.load(); }
        protected MpPacketPeer() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_packet_peer") int call(int mp) {
            try { return PeerConnectionCalls.mpPacketPeer(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpPacketChannel extends FunctionPointer {
        static { Loader.load(); }
        protected MpPacketChannel() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_packet_channel") int call(int mp) {
            try { return PeerConnectionCalls.mpPacketChannel(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpPacketMode extends FunctionPointer {
        static { Loader.load(); }
        protected MpPacketMode() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_packet_mode") int call(int mp) {
            try { return PeerConnectionCalls.mpPacketMode(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpSetTransferChannel extends FunctionPointer {
        static { Loader.load(); }
        protected MpSetTransferChannel() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_set_transfer_channel") int call(int mp, int channel) {
            try { return PeerConnectionCalls.mpSetTransferChannel(mp, channel); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpTransferChannel extends FunctionPointer {
        static { Loader.load(); }
        protected MpTransferChannel() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_transfer_channel") int call(int mp) {
            try { return PeerConnectionCalls.mpTransferChannel(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpSetTransferMode extends FunctionPointer {
        static { Loader.load(); }
        protected MpSetTransferMode() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_set_transfer_mode") int call(int mp, int mode) {
            try { return PeerConnectionCalls.mpSetTransferMode(mp, mode); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpTransferMode extends FunctionPointer {
        static { Loader.load(); }
        protected MpTransferMode() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_transfer_mode") int call(int mp) {
            try { return PeerConnectionCalls.mpTransferMode(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpSetTargetPeer extends FunctionPointer {
        static { Loader.load(); }
        protected MpSetTargetPeer() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_set_target_peer") int call(int mp, int peer) {
            try { return PeerConnectionCalls.mpSetTargetPeer(mp, peer); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpIsServer extends FunctionPointer {
        static { Loader.load(); }
        protected MpIsServer() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_is_server") int call(int mp) {
            try { return PeerConnectionCalls.mpIsServer(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpPoll extends FunctionPointer {
        static { Loader.load(); }
        protected MpPoll() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_poll") int call(int mp, @Cast("int*") long events, int capacity) {
            try { return PeerConnectionCalls.mpPoll(mp, events, capacity); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpDrainEvents extends FunctionPointer {
        static { Loader.load(); }
        protected MpDrainEvents() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_drain_events") int call(int mp, @Cast("int*") long events, int capacity) {
            try { return PeerConnectionCalls.mpDrainEvents(mp, events, capacity); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpClose extends FunctionPointer {
        static { Loader.load(); }
        protected MpClose() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_close") int call(int mp) {
            try { return PeerConnectionCalls.mpClose(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpDisconnectPeer extends FunctionPointer {
        static { Loader.load(); }
        protected MpDisconnectPeer() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_disconnect_peer") int call(int mp, int peerId, int force) {
            try { return PeerConnectionCalls.mpDisconnectPeer(mp, peerId, force); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpUniqueId extends FunctionPointer {
        static { Loader.load(); }
        protected MpUniqueId() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_unique_id") int call(int mp) {
            try { return PeerConnectionCalls.mpUniqueId(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpConnectionStatus extends FunctionPointer {
        static { Loader.load(); }
        protected MpConnectionStatus() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_connection_status") int call(int mp) {
            try { return PeerConnectionCalls.mpConnectionStatus(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpSetRefuseNewConnections extends FunctionPointer {
        static { Loader.load(); }
        protected MpSetRefuseNewConnections() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_set_refuse_new_connections") int call(int mp, int enable) {
            try { return PeerConnectionCalls.mpSetRefuseNewConnections(mp, enable); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpIsRefusingNewConnections extends FunctionPointer {
        static { Loader.load(); }
        protected MpIsRefusingNewConnections() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_is_refusing_new_connections") int call(int mp) {
            try { return PeerConnectionCalls.mpIsRefusingNewConnections(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
    @Allocator(max = 1)
    public static class MpIsServerRelaySupported extends FunctionPointer {
        static { Loader.load(); }
        protected MpIsServerRelaySupported() { allocate(); }
        private native void allocate();
        public @Name("gdwrtc_mp_is_server_relay_supported") int call(int mp) {
            try { return PeerConnectionCalls.mpIsServerRelaySupported(mp); } catch (Throwable t) { return PeerConnectionCalls.crashed(t); }
        }
    }
}
