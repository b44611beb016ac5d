// The two Godot 3 objects of the binding. Each is a NativeScript instance on Godot's own
// WebRTCPeerConnectionGDNative / WebRTCDataChannelGDNative, holds the integer handle of its Java
// object and forwards the engine's interface calls to the gdwrtc_* C ABI.
#pragma once

#include <string>
#include <vector>

#include "gdwrtc_constants.h"
#include "godot3.h"
#include "jvm.h"
#include "packet_buffer.h"

namespace gdwrtc {

// Prints the core's message for a failed call (r != 0; r < 0 means -error) and returns the error.
godot_error report(int r, const char *function, const char *file, int line);
#define GDWRTC_REPORT(call) ::gdwrtc::report((call), __FUNCTION__, __FILE__, __LINE__)

// Prints the messages the core queued for calls that went on (Godot's ERR_PRINT); run from every
// poll(), which Godot 3's WebRTCMultiplayer calls each frame, so none piles up in the core.
void print_queued();

struct DataChannel3 {
	static constexpr const char *CLASS = "WebRTCDataChannelJava";
	static void register_class();
	// A new WebRTCDataChannelGDNative over a core channel; the channel closes with the object.
	static godot_object *wrap(int handle);

	godot_object *owner = nullptr;
	int handle = 0;
	godot_net_webrtc_data_channel iface;
	godot_net_webrtc_data_channel_ext iface_ext;
	// What get_packet / get_label / get_protocol hand out stays here until the next such call.
	std::vector<uint8_t> buffer = std::vector<uint8_t>(PACKET_BUFFER_BYTES);
	std::string label_text, protocol_text;

	explicit DataChannel3(godot_object *owner);
	~DataChannel3();
};

struct PeerConnection3 {
	static constexpr const char *CLASS = "WebRTCPeerConnectionJava";
	static void register_class();

	godot_object *owner = nullptr;
	int handle = 0;
	godot_net_webrtc_peer_connection iface;
	std::vector<uint8_t> events = std::vector<uint8_t>(16384);
	// A signal handler may take our script off the object while poll() runs: the instance then
	// lets go of the core at once and is deleted when poll() returns.
	int polling = 0; // depth: a handler may poll again
	bool doomed = false;
	// close() and initialize() calls: each ends a session, and a poll emits nothing of an ended one.
	uint64_t sessions = 0;

	explicit PeerConnection3(godot_object *owner);
	~PeerConnection3();
	void release();
	// Emits the queued session_description_created / ice_candidate_created / data_channel_received.
	godot_error poll();
};

// get_stats() and restart_ice() on the peer connection's script class (stats3.cpp).
void register_stats_methods3();

} // namespace gdwrtc
