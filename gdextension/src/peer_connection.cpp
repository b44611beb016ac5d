#include "data_channel.h"
#include "peer_connection.h"
#include "poll_records.h"

#include <cstring>

namespace gdwrtc {

namespace {

PeerConnectionJava *self(GDExtensionClassInstancePtr p) { return static_cast<PeerConnectionJava *>(p); }

std::string string_arg(const GDExtensionConstTypePtr *args, int i) { return gd::String::utf8(args[i]); }

} // namespace

PeerConnectionJava::PeerConnectionJava() : handle(GDWRTC_CREATE(gdwrtc_pc_create)) {}

PeerConnectionJava::~PeerConnectionJava() {
	if (handle > 0) {
		abi.gdwrtc_release(handle); // closes the connection
	}
}

int64_t PeerConnectionJava::poll() {
	static const gd::StringName session_description_created("session_description_created");
	static const gd::StringName ice_candidate_created("ice_candidate_created");
	static const gd::StringName data_channel_received("data_channel_received");
	// A signal handler may drop the last reference to this connection (or remove its peer from a
	// multiplayer peer): keep it alive until the poll is over, as Godot's Ref does.
	gd::Hold hold(owner);
	// A handler that closes or initializes this connection ends the batch, as webrtc-native
	// drops its queue: what is left belongs to the session that ended (the core dropped the rest).
	const uint64_t session = sessions;
	int more = 1;
	while (more > 0 && sessions == session) {
		int n = call(&Abi::gdwrtc_pc_poll, handle, events.data(), (int)events.size(), &more);
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
			const bool ended = sessions != session;
			switch (r.i32()) {
				case GDWRTC_PC_EVENT_SESSION_DESCRIPTION: {
					std::string type = r.str(), sdp = r.str();
					if (!ended) {
						gd::emit_signal(owner, session_description_created, { gd::Variant(type), gd::Variant(sdp) });
					}
				} break;
				case GDWRTC_PC_EVENT_ICE_CANDIDATE: {
					std::string media = r.str();
					int64_t index = r.i32();
					std::string name = r.str();
					if (!ended) {
						gd::emit_signal(owner, ice_candidate_created, { gd::Variant(media), gd::Variant(index), gd::Variant(name) });
					}
				} break;
				case GDWRTC_PC_EVENT_DATA_CHANNEL: {
					int h = r.i32();
					if (ended) { // nobody to give it to
						call(&Abi::gdwrtc_dc_close, h);
						abi.gdwrtc_release(h);
						break;
					}
					GDExtensionObjectPtr channel = DataChannelJava::wrap(h, true);
					gd::emit_signal(owner, data_channel_received, { gd::Variant(channel) });
				} break;
				case GDWRTC_PC_EVENT_FAILURE:
					GD_ERROR(r.str());
					break;
				default:
					GD_ERROR("Corrupt event record from the Java core.");
					r.p = r.end;
			}
		}
	}
	return gd::OK;
}

// Argument indices of the virtuals: _initialize(configuration), _create_data_channel(label,
// options), _set_*_description(type, sdp), _add_ice_candidate(media, index, name).
enum Arg { CONFIGURATION = 0, LABEL = 0, OPTIONS = 1, TYPE = 0, SDP = 1, MEDIA = 0, INDEX = 1, NAME = 2 };

struct PeerConnectionVirtuals {
	static void connection_state(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		int s = call(&Abi::gdwrtc_pc_connection_state, self(p)->handle);
		ret_int(r, s < 0 ? GDWRTC_PC_STATE_CLOSED : s);
	}
	static void gathering_state(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		int s = call(&Abi::gdwrtc_pc_gathering_state, self(p)->handle);
		ret_int(r, s < 0 ? 0 : s);
	}
	static void signaling_state(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		int s = call(&Abi::gdwrtc_pc_signaling_state, self(p)->handle);
		ret_int(r, s < 0 ? GDWRTC_PC_SIGNALING_STATE_CLOSED : s);
	}
	static void initialize(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *args, GDExtensionTypePtr r) {
		std::string json = gd::to_json(gd::Variant::from_type(GDEXTENSION_VARIANT_TYPE_DICTIONARY, args[CONFIGURATION]));
		int64_t err = GDWRTC_REPORT(call(&Abi::gdwrtc_pc_initialize, self(p)->handle, json.data(), (int)json.size()));
		if (err == gd::OK) {
			self(p)->sessions++; // a fresh connection: the old one's signals are dropped
		}
		ret_int(r, err);
	}
	static void create_data_channel(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *args, GDExtensionTypePtr r) {
		std::string label = string_arg(args, LABEL);
		std::string json = gd::to_json(gd::Variant::from_type(GDEXTENSION_VARIANT_TYPE_DICTIONARY, args[OPTIONS]));
		int h = call(&Abi::gdwrtc_pc_create_data_channel, self(p)->handle, label.data(), (int)label.size(), json.data(), (int)json.size());
		if (h <= 0) {
			GDWRTC_REPORT(h);
			return; // the engine's Ref stays null
		}
		gd::api.ref_set_object(r, DataChannelJava::wrap(h, true));
	}
	static void create_offer(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, GDWRTC_REPORT(call(&Abi::gdwrtc_pc_create_offer, self(p)->handle)));
	}
	static void set_remote_description(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *args, GDExtensionTypePtr r) {
		std::string type = string_arg(args, TYPE), sdp = string_arg(args, SDP);
		ret_int(r, GDWRTC_REPORT(call(&Abi::gdwrtc_pc_set_remote_description, self(p)->handle, type.data(), (int)type.size(), sdp.data(), (int)sdp.size())));
	}
	static void set_local_description(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *args, GDExtensionTypePtr r) {
		std::string type = string_arg(args, TYPE), sdp = string_arg(args, SDP);
		ret_int(r, GDWRTC_REPORT(call(&Abi::gdwrtc_pc_set_local_description, self(p)->handle, type.data(), (int)type.size(), sdp.data(), (int)sdp.size())));
	}
	static void add_ice_candidate(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *args, GDExtensionTypePtr r) {
		std::string media = string_arg(args, MEDIA), name = string_arg(args, NAME);
		int index = (int)arg<int64_t>(args, INDEX);
		ret_int(r, GDWRTC_REPORT(call(&Abi::gdwrtc_pc_add_ice_candidate, self(p)->handle, media.data(), (int)media.size(), index, name.data(), (int)name.size())));
	}
	static void poll(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr r) {
		ret_int(r, self(p)->poll());
	}
	static void close(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *, GDExtensionTypePtr) {
		self(p)->sessions++;
		call(&Abi::gdwrtc_pc_close, self(p)->handle);
	}

	static GDExtensionClassCallVirtual get_virtual(void *, GDExtensionConstStringNamePtr name, uint32_t) {
		static const std::vector<Virtual> table = {
			GDWRTC_VIRTUAL("_get_connection_state", connection_state), GDWRTC_VIRTUAL("_get_gathering_state", gathering_state),
			GDWRTC_VIRTUAL("_get_signaling_state", signaling_state), GDWRTC_VIRTUAL("_initialize", initialize),
			GDWRTC_VIRTUAL("_create_data_channel", create_data_channel), GDWRTC_VIRTUAL("_create_offer", create_offer),
			GDWRTC_VIRTUAL("_set_remote_description", set_remote_description), GDWRTC_VIRTUAL("_set_local_description", set_local_description),
			GDWRTC_VIRTUAL("_add_ice_candidate", add_ice_candidate), GDWRTC_VIRTUAL("_poll", poll), GDWRTC_VIRTUAL("_close", close),
		};
		return find_virtual(table, name);
	}
	static GDExtensionObjectPtr create(void *, GDExtensionBool) {
		gdwrtc::wait_jvm(); // the JVM starts off the main thread; a script may be quicker
		PeerConnectionJava *s = new PeerConnectionJava();
		s->owner = gd::construct("WebRTCPeerConnectionExtension", PeerConnectionJava::CLASS, s);
		return s->owner;
	}
	static void free(void *, GDExtensionClassInstancePtr p) { delete self(p); }
};

void PeerConnectionJava::register_class() {
	gd::register_class(CLASS, "WebRTCPeerConnectionExtension", PeerConnectionVirtuals::create, PeerConnectionVirtuals::free,
			PeerConnectionVirtuals::get_virtual);
}

} // namespace gdwrtc
