#include "binding.h"

#include <cstring>

namespace gdwrtc {

int64_t report(int r, const char *function, const char *file, int line) {
	if (r == 0) {
		return gd::OK;
	}
	int64_t err = r < 0 ? -(int64_t)r : r;
	char message[1024];
	int n = abi.gdwrtc_last_error(message, sizeof(message) - 1);
	message[n < 0 ? 0 : (n < (int)sizeof(message) ? n : (int)sizeof(message) - 1)] = '\0';
	gd::error(message[0] ? message : "Call failed with error " + std::to_string(err) + ".", function, file, line);
	return err;
}

void print_queued() {
	static int32_t queued = 0; // set to 1 by the core when it queues a message
	static const bool watching = abi.gdwrtc_watch_messages(&queued) == gd::OK;
	if (!watching || !__atomic_load_n(&queued, __ATOMIC_ACQUIRE)) {
		return;
	}
	__atomic_store_n(&queued, 0, __ATOMIC_RELEASE);
	std::string message(1024, '\0');
	int n;
	while ((n = abi.gdwrtc_take_message(message.data(), (int)message.size())) > 0) {
		if (n > (int)message.size()) {
			message.resize((size_t)n); // it stayed queued: take it with room for it
			continue;
		}
		gd::error(message.substr(0, (size_t)n), "", "", 0);
	}
}

GDExtensionClassCallVirtual find_virtual(const std::vector<Virtual> &table, GDExtensionConstStringNamePtr name) {
	// StringNames are interned: equal names share one pointer, so comparing the bytes is exact.
	for (const Virtual &v : table) {
		gd::StringName n(v.name);
		if (memcmp(n.opaque, name, sizeof(n.opaque)) == 0) {
			return v.fn;
		}
	}
	return nullptr;
}

int64_t read_packet(std::vector<uint8_t> &buffer, int handle, int (*get)(int, uint8_t *, int), int (*next_size)(int),
		const GDExtensionConstTypePtr *args) {
	int n = get(handle, buffer.data(), (int)buffer.size());
	if (n == -gd::ERR_OUT_OF_MEMORY) {
		int size = next_size(handle);
		if (size > 0) {
			buffer.resize((size_t)size);
			n = get(handle, buffer.data(), (int)buffer.size());
		}
	}
	if (n < 0) {
		return GDWRTC_REPORT(n);
	}
	enum { R_BUFFER = 0,
		R_BUFFER_SIZE = 1 }; // _get_packet(r_buffer, r_buffer_size)
	*arg<const uint8_t **>(args, R_BUFFER) = buffer.data();
	*arg<int32_t *>(args, R_BUFFER_SIZE) = n;
	return gd::OK;
}

} // namespace gdwrtc
