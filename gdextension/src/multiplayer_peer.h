// WebRTCMultiplayerPeerJava: Godot's WebRTCMultiplayerPeer over the core's multiplayer peer.
#pragma once

#include <unordered_map>

#include "binding.h"
#include "peer_connection.h"

namespace gdwrtc {

struct MultiplayerPeerJava {
	static constexpr const char *CLASS = "WebRTCMultiplayerPeerJava";
	static void register_class();

	GDExtensionObjectPtr owner = nullptr;
	int handle = 0;

	// The Godot objects of the core's peer-map entries, by entry handle: the connection added and
	// its channels, held from add_peer until the core releases the entry (after its signals were
	// emitted). The core's map alone decides which peers exist and in what order; an entry is
	// never looked up by peer id here, since a signal handler may reuse an id before its release.
	struct Entry {
		GDExtensionObjectPtr connection; // referenced while held
		PeerConnectionJava *pc;
		// As in Godot, a channel closes when its last reference goes (the core leaves released
		// channels open for us).
		std::vector<gd::Variant> channels;
	};
	std::unordered_map<int, Entry> entries;
	uint64_t closes = 0; // close() calls: a batch read before one emits no more signals
	std::vector<int> peer_ids(); // the core's peer map, in its (Godot's) order
	std::vector<uint8_t> buffer = std::vector<uint8_t>(PACKET_BUFFER_BYTES);
	static constexpr int EVENT_CAPACITY = 64; // (type, value) pairs per crossing
	int32_t events[2 * EVENT_CAPACITY];

	MultiplayerPeerJava();
	~MultiplayerPeerJava();
	void emit_events(int count);
	void drain_events();
	void release(int entry);
	gd::Variant peer_dictionary(int id);
};

} // namespace gdwrtc
