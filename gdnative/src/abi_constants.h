// The C ABI's event tags and states the Godot 3 binding reads (their one source is the bridge's
// Abi.java; this header goes once a generated gdwrtc_constants.h exists).
#pragma once

#include <cstdint>

namespace gdwrtc {

// Record tags of gdwrtc_pc_poll's output: int32 tag, then int32 / (int32 length, UTF-8) fields.
enum PcEventTag : int32_t {
	PC_EVENT_SESSION_DESCRIPTION = 1, // type, sdp
	PC_EVENT_ICE_CANDIDATE = 2, // media, index (int32), name
	PC_EVENT_DATA_CHANNEL = 3, // channel handle (int32)
	PC_EVENT_FAILURE = 4, // message
};

// Answers for a handle the core no longer knows: WebRTCPeerConnection.STATE_CLOSED and
// WebRTCDataChannel.STATE_CLOSED (the same numbers in Godot 3 and 4).
constexpr int PC_STATE_CLOSED = 5;
constexpr int DC_STATE_CLOSED = 3;

} // namespace gdwrtc
