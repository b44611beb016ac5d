// WebRTCPeerConnectionJava: Godot's WebRTCPeerConnection over a core connection handle.
#pragma once

#include "binding.h"
#include "stats.h"

namespace gdwrtc {

struct PeerConnectionJava {
	static constexpr const char *CLASS = "WebRTCPeerConnectionJava";
	static void register_class();

	GDExtensionObjectPtr owner = nullptr;
	int handle = 0;
	// Emits the queued session_description_created / ice_candidate_created / data_channel_received.
	int64_t poll();
	// close() and initialize() calls: each ends a session, and a poll emits nothing of an ended one.
	uint64_t sessions = 0;

	std::vector<uint8_t> events = std::vector<uint8_t>(16384);
	StatsCache stats; // get_stats()
	PeerConnectionJava();
	~PeerConnectionJava();
};

} // namespace gdwrtc
