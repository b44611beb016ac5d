// WebRTCMultiplayerPeerJava: Godot's WebRTCMultiplayerPeer over the core's multiplayer peer.
#pragma once

#include <map>

#include "binding.h"
#include "peer_connection.h"

namespace gdwrtc {

struct MultiplayerPeerJava {
	static constexpr const char *CLASS = "WebRTCMultiplayerPeerJava";
	static void register_class();

	GDExtensionObjectPtr owner = nullptr;
	int handle = 0;

	struct Peer {
		GDExtensionObjectPtr connection; // referenced while in the map
		PeerConnectionJava *pc;
		// The peer's channels as Godot objects, held while in the map; as in Godot, a channel
		// closes when its last reference goes (the core leaves dropped channels open for us).
		std::vector<gd::Variant> channels;
	};
	std::map<int, Peer> peers; // by id; the core's peer map decides membership and order
	std::vector<int> peer_ids(); // the core's peer map, in its (Godot's) order
	std::vector<uint8_t> buffer = std::vector<uint8_t>(4096);
	static constexpr int EVENT_CAPACITY = 64; // (type, id) pairs per crossing
	int32_t events[2 * EVENT_CAPACITY];

	MultiplayerPeerJava();
	~MultiplayerPeerJava();
	void emit_events(int count);
	void drain_events();
	void forget(int id);
	gd::Variant peer_dictionary(int id);
};

} // namespace gdwrtc
