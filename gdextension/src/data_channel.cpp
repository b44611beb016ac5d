#include "data_channel.h"

#include <cstring>

namespace gdwrtc {

DataChannelJava::~DataChannelJava() {
	if (handle > 0) {
		if (owned) {
			call(&Abi::gdwrtc_dc_close, handle);
		}
		abi.gdwrtc_release(handle);
	}
}

static DataChannelJava *self(GDExtensionClassInstancePtr p) { return static_cast<DataChannelJava *>(p); }

static std::string text(int (*Abi::*fn)(int, char *, int), int handle) {
	char small[256];
	int n = call(fn, handle, small, (int)sizeof(small));
	if (n <= (int)sizeof(small)) {
		return std::string(small, n < 0 ? 0 : n);
	}
	std::string big((size_t)n, '\0');
	call(fn, handle, big.data(), n);
	return big;
}

// Argument indices of the virtuals: _put_packet(buffer, size), _set_write_mode(mode).
enum Arg { PUT_BUFFER = 0, PUT_SIZE = 1, WRITE_MODE = 0 };

struct DataChannelVirtuals {
	static void get_packet(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *args, GDExtensionTypePtr r) {
		DataChannelJava *s = self(p);
		ret_int(r, read_packet(s->buffer, s->handle, &Abi::gdwrtc_dc_get_packet, &Abi::gdwrtc_dc_next_packet_size, args));
	}
	static void put_packet(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *args, GDExtensionTypePtr r) {
		ret_int(r, GDWRTC_REPORT(call(&Abi::gdwrtc_dc_put_packet, self(p)->handle, arg<const uint8_t *>(args, PUT_BUFFER), (int)arg<int64_t>(args, PUT_SIZE))));
	}
	static void available(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, call(&Abi::gdwrtc_dc_available_packet_count, self(p)->handle));
	}
	static void max_packet_size(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, call(&Abi::gdwrtc_dc_max_packet_size, self(p)->handle));
	}
	static void poll(GDExtensionClassInstancePtr, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, gd::OK); // packets are queued as they arrive; nothing to pump
	}
	static void close(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr) {
		call(&Abi::gdwrtc_dc_close, self(p)->handle);
	}
	static void set_write_mode(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *args, GDExtensionTypePtr) {
		call(&Abi::gdwrtc_dc_set_write_mode, self(p)->handle, (int)arg<int64_t>(args, WRITE_MODE));
	}
	static void get_write_mode(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, call(&Abi::gdwrtc_dc_write_mode, self(p)->handle));
	}
	static void was_string(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_bool(r, call(&Abi::gdwrtc_dc_was_string_packet, self(p)->handle) == 1);
	}
	static void ready_state(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, call(&Abi::gdwrtc_dc_ready_state, self(p)->handle));
	}
	static void label(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		gd::String::assign(r, text(&Abi::gdwrtc_dc_label, self(p)->handle));
	}
	static void protocol(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		gd::String::assign(r, text(&Abi::gdwrtc_dc_protocol, self(p)->handle));
	}
	static void ordered(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_bool(r, call(&Abi::gdwrtc_dc_is_ordered, self(p)->handle) == 1);
	}
	static void id(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, call(&Abi::gdwrtc_dc_id, self(p)->handle));
	}
	static void life_time(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, call(&Abi::gdwrtc_dc_max_packet_life_time, self(p)->handle));
	}
	static void retransmits(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, call(&Abi::gdwrtc_dc_max_retransmits, self(p)->handle));
	}
	static void negotiated(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_bool(r, call(&Abi::gdwrtc_dc_is_negotiated, self(p)->handle) == 1);
	}
	static void buffered(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, call(&Abi::gdwrtc_dc_buffered_amount, self(p)->handle));
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
		gdwrtc::wait_jvm(); // the JVM starts off the main thread; a script may be quicker
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
