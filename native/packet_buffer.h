#pragma once
// The buffer an object of either engine's binding reads packets into: Godot's get_packet hands out a
// pointer into it, valid until the object's next read. It grows for a packet larger than it and
// goes back to PACKET_BUFFER_BYTES with the next packet that fits there, so a level sent once in
// 200 KiB chunks is not held for the rest of the session.

#include <cstdint>
#include <cstring>
#include <vector>

namespace gdwrtc {

constexpr size_t PACKET_BUFFER_BYTES = 4096;

// After a read of `n` bytes into `buffer`: lets a grown buffer go once the packet fits the default.
inline void shrink_packet_buffer(std::vector<uint8_t> &buffer, int n) {
	if (buffer.size() > PACKET_BUFFER_BYTES && n >= 0 && (size_t)n <= PACKET_BUFFER_BYTES) {
		std::vector<uint8_t> small(PACKET_BUFFER_BYTES);
		memcpy(small.data(), buffer.data(), (size_t)n);
		buffer.swap(small);
	}
}

} // namespace gdwrtc
