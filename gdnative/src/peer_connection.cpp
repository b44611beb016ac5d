#include "binding.h"
#include "poll_records.h"

#include <cstring>

namespace gdwrtc {

namespace {

PeerConnection3 *self(const void *p) { return static_cast<PeerConnection3 *>(const_cast<void *>(p)); }

std::string dictionary_json(const godot_dictionary *d) { return d ? g3::to_json(d) : "{}"; }

godot_int connection_state(const void *p) {
	int s = abi.gdwrtc_pc_connection_state(self(p)->handle);
	return s < 0 ? GDWRTC_PC_STATE_CLOSED : s;
}

godot_error initialize(void *p, const godot_dictionary *config) {
	std::string json = dictionary_json(config);
	godot_error err = GDWRTC_REPORT(abi.gdwrtc_pc_initialize(self(p)->handle, json.data(), (int)json.size()));
	if (err == GODOT_OK) {
		self(p)->sessions++; // a fresh connection: the old one's signals are dropped
	}
	return err;
}

godot_object *create_data_channel(void *p, const char *label, const godot_dictionary *options) {
	std::string json = dictionary_json(options);
	int h = abi.gdwrtc_pc_create_data_channel(self(p)->handle, label, (int)strlen(label), json.data(), (int)json.size());
	if (h <= 0) {
		GDWRTC_REPORT(h);
		return nullptr; // the engine's Ref stays null
	}
	return DataChannel3::wrap(h);
}

godot_error create_offer(void *p) { return GDWRTC_REPORT(abi.gdwrtc_pc_create_offer(self(p)->handle)); }

godot_error create_answer(void *) {
	G3_ERROR("create_answer is not part of Godot's API: set_remote_description(\"offer\", sdp) makes the answer.");
	return GODOT_ERR_UNAVAILABLE;
}

godot_error set_remote_description(void *p, const char *type, const char *sdp) {
	return GDWRTC_REPORT(abi.gdwrtc_pc_set_remote_description(self(p)->handle, type, (int)strlen(type), sdp, (int)strlen(sdp)));
}

godot_error set_local_description(void *p, const char *type, const char *sdp) {
	return GDWRTC_REPORT(abi.gdwrtc_pc_set_local_description(self(p)->handle, type, (int)strlen(type), sdp, (int)strlen(sdp)));
}

godot_error add_ice_candidate(void *p, const char *media, int index, const char *name) {
	return GDWRTC_REPORT(abi.gdwrtc_pc_add_ice_candidate(self(p)->handle, media, (int)strlen(media), index, name, (int)strlen(name)));
}

godot_error poll(void *p) {
	PeerConnection3 *s = self(p);
	s->polling++;
	godot_error err = s->poll();
	if (--s->polling == 0 && s->doomed) {
		delete s;
	}
	return err;
}

void close(void *p) {
	self(p)->sessions++;
	abi.gdwrtc_pc_close(self(p)->handle);
}

void *create(godot_object *owner, void *) { return new PeerConnection3(owner); }
void destroy(godot_object *, void *, void *p) {
	PeerConnection3 *s = self(p);
	if (s->polling > 0) {
		s->release();
		s->doomed = true;
	} else {
		delete s;
	}
}

} // namespace

PeerConnection3::PeerConnection3(godot_object *o) : owner(o) {
	int h = abi.gdwrtc_pc_create();
	handle = h > 0 ? h : 0;
	if (h <= 0) {
		GDWRTC_REPORT(h);
	}
	iface = { { GODOT_NET_WEBRTC_API_MAJOR, GODOT_NET_WEBRTC_API_MINOR }, reinterpret_cast<godot_object *>(this),
		connection_state, initialize, create_data_channel, create_offer, create_answer, set_remote_description,
		set_local_description, add_ice_candidate, gdwrtc::poll, gdwrtc::close, nullptr };
	g3::net->godot_net_bind_webrtc_peer_connection(owner, &iface);
}

PeerConnection3::~PeerConnection3() { release(); }

void PeerConnection3::release() {
	if (owner) {
		g3::net->godot_net_bind_webrtc_peer_connection(owner, nullptr);
		owner = nullptr;
	}
	if (handle > 0) {
		abi.gdwrtc_release(handle); // closes the connection
		handle = 0;
	}
}

godot_error PeerConnection3::poll() {
	print_queued();
	// A handler that closes or initializes this connection ends the batch, as webrtc-native
	// drops its queue: what is left belongs to the session that ended (the core dropped the rest).
	const uint64_t session = sessions;
	int more = 1;
	while (more > 0 && !doomed && sessions == session) {
		int n = abi.gdwrtc_pc_poll(handle, events.data(), (int)events.size(), &more);
		if (n < 0) {
			return GDWRTC_REPORT(n);
		}
		if (n == 0 && more == 0) {
			break;
		}
		if (more > (int)events.size()) {
			events.resize((size_t)more);
		}
		// Signal handlers may call back into this object: work on a copy of the records.
		std::vector<uint8_t> batch(events.begin(), events.begin() + n);
		PollRecords r{ batch.data(), batch.data() + batch.size() };
		while (r.more()) {
			const bool ended = doomed || sessions != session;
			switch (r.i32()) {
				case GDWRTC_PC_EVENT_SESSION_DESCRIPTION: {
					g3::Variant type(r.str()), sdp(r.str());
					if (!ended) {
						g3::emit_signal(owner, "session_description_created", { &type, &sdp });
					}
				} break;
				case GDWRTC_PC_EVENT_ICE_CANDIDATE: {
					g3::Variant media(r.str());
					g3::Variant index((int64_t)r.i32());
					g3::Variant name(r.str());
					if (!ended) {
						g3::emit_signal(owner, "ice_candidate_created", { &media, &index, &name });
					}
				} break;
				case GDWRTC_PC_EVENT_DATA_CHANNEL: {
					int h = r.i32();
					if (ended) { // nobody to give it to
						abi.gdwrtc_dc_close(h);
						abi.gdwrtc_release(h);
						break;
					}
					godot_object *channel = DataChannel3::wrap(h);
					if (channel) {
						g3::Variant v(channel); // the signal's receivers keep it, or it goes
						g3::emit_signal(owner, "data_channel_received", { &v });
					}
				} break;
				case GDWRTC_PC_EVENT_FAILURE:
					G3_ERROR(r.str());
					break;
				default:
					G3_ERROR("Corrupt event record from the Java core.");
					r.p = r.end;
			}
		}
	}
	return GODOT_OK;
}

void PeerConnection3::register_class() {
	g3::register_script_class(CLASS, "WebRTCPeerConnectionGDNative", create, destroy);
}

} // namespace gdwrtc
