#include "binding.h"

#include "messages.h"

#include <cstring>
#include <mutex>
#include <set>

namespace gdwrtc {

namespace {

// Each message once per process (a game may call every frame, from several threads).
void error_once(const std::string &message, const char *function, const char *file, int line) {
	static std::mutex lock;
	static std::set<std::string> printed;
	{
		std::lock_guard<std::mutex> l(lock);
		if (!printed.insert(message).second) {
			return;
		}
	}
	gd::error(message, function, file, line);
}

} // namespace

int64_t report(int r, const char *function, const char *file, int line) {
	if (r == 0) {
		return gd::OK;
	}
	if (take_unavailable_answer()) {
		error_once(unavailable_message(), function, file, line);
		return gd::ERR_UNCONFIGURED;
	}
	gd::error(failure_message(r), function, file, line);
	return r < 0 ? -(int64_t)r : r;
}

int create_handle(int (*Abi::*create)(), const char *function, const char *file, int line) {
	unavailable_answer = false;
	int h = (abi.*create)();
	if (h > 0) {
		return h;
	}
	report(h, function, file, line);
	return 0;
}

void print_queued() {
	take_queued_messages([](const std::string &message) { gd::error(message, "", "", 0); });
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

int64_t read_packet(std::vector<uint8_t> &buffer, int handle, int (*Abi::*get)(int, uint8_t *, int), int (*Abi::*next_size)(int),
		const GDExtensionConstTypePtr *args) {
	int n = call(get, handle, buffer.data(), (int)buffer.size());
	if (n == -gd::ERR_OUT_OF_MEMORY) {
		int size = call(next_size, handle);
		if (size > 0) {
			buffer.resize((size_t)size);
			n = call(get, handle, buffer.data(), (int)buffer.size());
		}
	}
	if (n < 0) {
		return GDWRTC_REPORT(n);
	}
	shrink_packet_buffer(buffer, n);
	enum { R_BUFFER = 0,
		R_BUFFER_SIZE = 1 }; // _get_packet(r_buffer, r_buffer_size)
	*arg<const uint8_t **>(args, R_BUFFER) = buffer.data();
	*arg<int32_t *>(args, R_BUFFER_SIZE) = n;
	return gd::OK;
}

} // namespace gdwrtc
