#include "binding.h"

#include "messages.h"

namespace gdwrtc {

godot_error report(int r, const char *function, const char *file, int line) {
	if (r == 0) {
		return GODOT_OK;
	}
	g3::error(failure_message(r), function, file, line);
	return (godot_error)(r < 0 ? -r : r);
}

void print_queued() {
	take_queued_messages([](const std::string &message) { g3::error(message, "", "", 0); });
}

namespace {

DataChannel3 *self(const void *p) { return static_cast<DataChannel3 *>(const_cast<void *>(p)); }

// The core's text for label/protocol, kept in `out` (the engine copies it before the next call).
const char *text(int (*fn)(int, char *, int), int handle, std::string &out) {
	char small[256];
	int n = fn(handle, small, sizeof(small));
	if (n <= (int)sizeof(small)) {
		out.assign(small, n < 0 ? 0 : n);
	} else {
		out.assign((size_t)n, '\0');
		fn(handle, out.data(), n);
	}
	return out.c_str();
}

// One crossing per packet into the channel's buffer (packet_buffer.h).
godot_error get_packet(void *p, const uint8_t **r_buffer, int *r_size) {
	DataChannel3 *s = self(p);
	int n = abi.gdwrtc_dc_get_packet(s->handle, s->buffer.data(), (int)s->buffer.size());
	if (n == -GODOT_ERR_OUT_OF_MEMORY) {
		int size = abi.gdwrtc_dc_next_packet_size(s->handle);
		if (size > 0) {
			s->buffer.resize((size_t)size);
			n = abi.gdwrtc_dc_get_packet(s->handle, s->buffer.data(), (int)s->buffer.size());
		}
	}
	if (n < 0) {
		return GDWRTC_REPORT(n);
	}
	shrink_packet_buffer(s->buffer, n);
	*r_buffer = s->buffer.data();
	*r_size = n;
	return GODOT_OK;
}

godot_error put_packet(void *p, const uint8_t *buffer, int size) {
	return GDWRTC_REPORT(abi.gdwrtc_dc_put_packet(self(p)->handle, buffer, size));
}

godot_int available(const void *p) { return abi.gdwrtc_dc_available_packet_count(self(p)->handle); }
godot_int max_packet_size(const void *p) { return abi.gdwrtc_dc_max_packet_size(self(p)->handle); }
void set_write_mode(void *p, godot_int mode) { abi.gdwrtc_dc_set_write_mode(self(p)->handle, (int)mode); }
godot_int write_mode(const void *p) { return abi.gdwrtc_dc_write_mode(self(p)->handle); }
bool was_string(const void *p) { return abi.gdwrtc_dc_was_string_packet(self(p)->handle) == 1; }
godot_int ready_state(const void *p) { return abi.gdwrtc_dc_ready_state(self(p)->handle); }
const char *label(const void *p) { return text(abi.gdwrtc_dc_label, self(p)->handle, self(p)->label_text); }
bool ordered(const void *p) { return abi.gdwrtc_dc_is_ordered(self(p)->handle) == 1; }
int id(const void *p) { return abi.gdwrtc_dc_id(self(p)->handle); }
int life_time(const void *p) { return abi.gdwrtc_dc_max_packet_life_time(self(p)->handle); }
int retransmits(const void *p) { return abi.gdwrtc_dc_max_retransmits(self(p)->handle); }
const char *protocol(const void *p) { return text(abi.gdwrtc_dc_protocol, self(p)->handle, self(p)->protocol_text); }
bool negotiated(const void *p) { return abi.gdwrtc_dc_is_negotiated(self(p)->handle) == 1; }
int buffered(const void *p) { return abi.gdwrtc_dc_buffered_amount(self(p)->handle); }
godot_error poll(void *) { return GODOT_OK; } // packets are queued as they arrive; nothing to pump
void close(void *p) { abi.gdwrtc_dc_close(self(p)->handle); }

void *create(godot_object *owner, void *) { return new DataChannel3(owner); }
void destroy(godot_object *, void *, void *p) { delete self(p); }

} // namespace

DataChannel3::DataChannel3(godot_object *o) : owner(o) {
	iface_ext = { buffered, nullptr };
	iface = { { GODOT_NET_WEBRTC_API_MAJOR, GODOT_NET_WEBRTC_API_MINOR }, reinterpret_cast<godot_object *>(this),
		get_packet, put_packet, available, max_packet_size, set_write_mode, write_mode, was_string, ready_state,
		label, ordered, id, life_time, retransmits, protocol, negotiated, poll, close, &iface_ext };
	g3::net->godot_net_bind_webrtc_data_channel(owner, &iface);
}

DataChannel3::~DataChannel3() {
	g3::net->godot_net_bind_webrtc_data_channel(owner, nullptr);
	if (handle > 0) {
		abi.gdwrtc_dc_close(handle); // as Godot's channels: closed when the last reference goes
		abi.gdwrtc_release(handle);
	}
}

godot_object *DataChannel3::wrap(int handle) {
	static godot_class_constructor construct = g3::api->godot_get_class_constructor("WebRTCDataChannelGDNative");
	godot_object *obj = construct ? construct() : nullptr;
	DataChannel3 *s = obj && g3::attach_script(obj, CLASS) ? self(g3::ns->godot_nativescript_get_userdata(obj)) : nullptr;
	if (!s) {
		G3_ERROR("Could not make a WebRTCDataChannelGDNative for a Java channel.");
		abi.gdwrtc_dc_close(handle);
		abi.gdwrtc_release(handle);
		if (obj) {
			g3::api->godot_object_destroy(obj);
		}
		return nullptr;
	}
	s->handle = handle;
	return obj;
}

void DataChannel3::register_class() {
	g3::register_script_class(CLASS, "WebRTCDataChannelGDNative", create, destroy);
}

} // namespace gdwrtc
