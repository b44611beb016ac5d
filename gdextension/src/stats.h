// get_stats() and restart_ice() of WebRTCPeerConnectionJava, get_peer_stats() of
// WebRTCMultiplayerPeerJava: the latest background sample as a Dictionary, rebuilt only when the
// core has a new one (each read costs one crossing and sets "age").
#pragma once

#include "binding.h"

namespace gdwrtc {

struct StatsCache {
	int sequence = -1; // of the sample in `dictionary`; -1: none read yet
	gd::Variant dictionary;
	std::vector<uint8_t> buffer = std::vector<uint8_t>(1024);
	// The connection's stats; an empty Dictionary (with the error printed) if the call fails.
	gd::Variant read(int handle);
};

// Registers the methods on the already registered classes.
void register_stats_methods();

} // namespace gdwrtc
