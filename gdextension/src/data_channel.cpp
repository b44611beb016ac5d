#include "classes.h"

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
	*arg<const uint8_t **>(args, 0) = buffer.data();
	*arg<int32_t *>(args, 1) = n;
	return gd::OK;
}

DataChannelJava::~DataChannelJava() {
	if (handle > 0) {
		if (owned) {
			abi.gdwrtc_dc_close(handle);
		}
		abi.gdwrtc_release(handle);
	}
}

static DataChannelJava *self(GDExtensionClassInstancePtr p) { return static_cast<DataChannelJava *>(p); }

static std::string text(int (*fn)(int, char *, int), int handle) {
	char small[256];
	int n = fn(handle, small, sizeof(small));
	if (n <= (int)sizeof(small)) {
		return std::string(small, n < 0 ? 0 : n);
	}
	std::string big((size_t)n, '\0');
	fn(handle, big.data(), n);
	return big;
}

struct DataChannelVirtuals {
	static void get_packet(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *args, GDExtensionTypePtr r) {
		DataChannelJava *s = self(p);
		ret_int(r, read_packet(s->buffer, s->handle, abi.gdwrtc_dc_get_packet, abi.gdwrtc_dc_next_packet_size, args));
	}
	static void put_packet(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *args, GDExtensionTypePtr r) {
		ret_int(r, GDWRTC_REPORT(abi.gdwrtc_dc_put_packet(self(p)->handle, arg<const uint8_t *>(args, 0), (int)arg<int64_t>(args, 1))));
	}
	static void available(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, abi.gdwrtc_dc_available_packet_count(self(p)->handle));
	}
	static void max_packet_size(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, abi.gdwrtc_dc_max_packet_size(self(p)->handle));
	}
	static void poll(GDExtensionClassInstancePtr, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, gd::OK); // packets are queued as they arrive; nothing to pump
	}
	static void close(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr) {
		abi.gdwrtc_dc_close(self(p)->handle);
	}
	static void set_write_mode(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *args, GDExtensionTypePtr) {
		abi.gdwrtc_dc_set_write_mode(self(p)->handle, (int)arg<int64_t>(args, 0));
	}
	static void get_write_mode(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, abi.gdwrtc_dc_write_mode(self(p)->handle));
	}
	static void was_string(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_bool(r, abi.gdwrtc_dc_was_string_packet(self(p)->handle) == 1);
	}
	static void ready_state(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, abi.gdwrtc_dc_ready_state(self(p)->handle));
	}
	static void label(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		gd::String::assign(r, text(abi.gdwrtc_dc_label, self(p)->handle));
	}
	static void protocol(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		gd::String::assign(r, text(abi.gdwrtc_dc_protocol, self(p)->handle));
	}
	static void ordered(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_bool(r, abi.gdwrtc_dc_is_ordered(self(p)->handle) == 1);
	}
	static void id(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, abi.gdwrtc_dc_id(self(p)->handle));
	}
	static void life_time(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, abi.gdwrtc_dc_max_packet_life_time(self(p)->handle));
	}
	static void retransmits(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, abi.gdwrtc_dc_max_retransmits(self(p)->handle));
	}
	static void negotiated(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_bool(r, abi.gdwrtc_dc_is_negotiated(self(p)->handle) == 1);
	}
	static void buffered(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, abi.gdwrtc_dc_buffered_amount(self(p)->handle));
	}

	static GDExtensionClassCallVirtual get_virtual(void *, GDExtensionConstStringNamePtr name, uint32_t) {
		static const std::vector<Virtual> table = {
			GDWRTC_VIRTUAL("_get_packet", get_packet), GDWRTC_VIRTUAL("_put_packet", put_packet),
			GDWRTC_VIRTUAL("_get_available_packet_count", available), GDWRTC_VIRTUAL("_get_max_packet_size", max_packet_size),
			GDWRTC_VIRTUAL("_poll", poll), GDWRTC_VIRTUAL("_close", close), GDWRTC_VIRTUAL("_set_write_mode", set_write_mode),
			GDWRTC_VIRTUAL("_get_write_mode", get_write_mode), GDWRTC_VIRTUAL("_was_string_packet", was_string),
			GDWRTC_VIRTUAL("_get_ready_state", ready_state), GDWRTC_VIRTUAL("_get_label", label), GDWRTC_VIRTUAL("_is_ordered", ordered),
			GDWRTC_VIRTUAL("_get_id", id), GDWRTC_VIRTUAL("_get_max_packet_life_time", life_time),
			GDWRTC_VIRTUAL("_get_max_retransmits", retransmits), GDWRTC_VIRTUAL("_get_protocol", protocol),
			GDWRTC_VIRTUAL("_is_negotiated", negotiated), GDWRTC_VIRTUAL("_get_buffered_amount", buffered),
		};
		return find_virtual(table, name);
	}
	static GDExtensionObjectPtr create(void *, GDExtensionBool) {
		DataChannelJava *s = new DataChannelJava();
		s->owner = gd::construct("WebRTCDataChannelExtension", DataChannelJava::CLASS, s);
		return s->owner;
	}
	static void free(void *, GDExtensionClassInstancePtr p) { delete self(p); }
};

GDExtensionObjectPtr DataChannelJava::wrap(int handle, bool owned) {
	GDExtensionObjectPtr obj = DataChannelVirtuals::create(nullptr, true);
	DataChannelJava *s = static_cast<DataChannelJava *>(gd::instance_of(obj, CLASS));
	s->handle = handle;
	s->owned = owned;
	return obj;
}

void DataChannelJava::register_class() {
	gd::register_class(CLASS, "WebRTCDataChannelExtension", DataChannelVirtuals::create, DataChannelVirtuals::free,
			DataChannelVirtuals::get_virtual);
}

} // namespace gdwrtc
