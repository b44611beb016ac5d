// WebRTCDataChannelJava: Godot's WebRTCDataChannel over a core channel handle.
#pragma once

#include "binding.h"

namespace gdwrtc {

struct DataChannelJava {
	static constexpr const char *CLASS = "WebRTCDataChannelJava";
	static void register_class();
	// Wraps a core channel in a new engine object. Owned channels are closed with their object;
	// the multiplayer peer's channels belong to it and are only looked at through the object.
	static GDExtensionObjectPtr wrap(int handle, bool owned);

	GDExtensionObjectPtr owner = nullptr;
	int handle = 0;
	bool owned = false;

	std::vector<uint8_t> buffer = std::vector<uint8_t>(PACKET_BUFFER_BYTES);
	~DataChannelJava();
};

} // namespace gdwrtc
