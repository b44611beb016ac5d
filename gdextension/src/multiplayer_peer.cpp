#include "data_channel.h"
#include "multiplayer_peer.h"

namespace gdwrtc {

namespace {

MultiplayerPeerJava *self(GDExtensionClassInstancePtr p) { return static_cast<MultiplayerPeerJava *>(p); }

// channels_config: TransferMode ints; anything else reaches the core as INT32_MIN, which it refuses.
std::vector<int> channels_config(const gd::Variant &array) {
	std::vector<int> out;
	int64_t n = gd::array_size(array);
	for (int64_t i = 0; i < n; i++) {
		gd::Variant v = gd::array_get(array, i);
		out.push_back(v.type() == GDEXTENSION_VARIANT_TYPE_INT ? (int)v.as_int() : INT32_MIN);
	}
	return out;
}

} // namespace

MultiplayerPeerJava::MultiplayerPeerJava() : handle(GDWRTC_CREATE(gdwrtc_mp_create)) {}

MultiplayerPeerJava::~MultiplayerPeerJava() {
	for (auto &[entry, held] : entries) {
		gd::unreference(held.connection);
	}
	entries.clear(); // drops the channel objects: channels nobody else holds close now
	if (handle > 0) {
		abi.gdwrtc_release(handle); // closes the peer
	}
}

void MultiplayerPeerJava::release(int entry) {
	auto it = entries.find(entry);
	if (it == entries.end()) {
		return;
	}
	GDExtensionObjectPtr connection = it->second.connection;
	entries.erase(it); // drops our references to its channels: they close when nothing else holds them
	gd::unreference(connection);
}

void MultiplayerPeerJava::emit_events(int count) {
	static const gd::StringName peer_connected("peer_connected");
	static const gd::StringName peer_disconnected("peer_disconnected");
	static const gd::StringName connection_succeeded("connection_succeeded");
	static const gd::StringName server_disconnected("server_disconnected");
	// The whole batch first, copied: a handler may call back into this peer, and that call must
	// read only the events it caused, not the rest of this batch.
	std::vector<int32_t> batch(events, events + 2 * count);
	while (count == EVENT_CAPACITY && (count = call(&Abi::gdwrtc_mp_drain_events, handle, events, EVENT_CAPACITY)) > 0) {
		batch.insert(batch.end(), events, events + 2 * count);
	}
	const uint64_t session = closes;
	for (size_t i = 0; i + 1 < batch.size(); i += 2) {
		int32_t type = batch[i];
		int32_t value = batch[i + 1];
		if (type == GDWRTC_MP_EVENT_PEER_RELEASED) { // left the core's map, its signals emitted
			release(value);
			continue;
		}
		if (closes != session) {
			continue; // a handler closed this peer: the rest of the batch is of the session it ended
		}
		gd::Variant id((int64_t)value);
		switch (type) {
			case GDWRTC_MP_EVENT_PEER_CONNECTED:
				gd::emit_signal(owner, peer_connected, { id });
				break;
			case GDWRTC_MP_EVENT_PEER_DISCONNECTED:
				gd::emit_signal(owner, peer_disconnected, { id });
				break;
			case GDWRTC_MP_EVENT_CONNECTION_SUCCEEDED:
				gd::emit_signal(owner, connection_succeeded, {});
				break;
			case GDWRTC_MP_EVENT_SERVER_DISCONNECTED:
				gd::emit_signal(owner, server_disconnected, {});
				break;
			case GDWRTC_MP_EVENT_CONNECTION_EVENTS: { // an entry's connection has signals to emit
				auto it = entries.find(value);
				if (it != entries.end()) { // a handler may have removed it meanwhile
					// A handler may remove the peer (dropping our reference) while it polls.
					gd::Hold connection(it->second.connection);
					it->second.pc->poll();
				}
			} break;
		}
	}
}

void MultiplayerPeerJava::drain_events() {
	// Until a drain finds nothing: that last crossing also tells the core the signals it handed
	// out were emitted (it changes a client's status only after its peer_disconnected, as Godot).
	int n;
	while ((n = call(&Abi::gdwrtc_mp_drain_events, handle, events, EVENT_CAPACITY)) > 0) {
		emit_events(n);
	}
}

std::vector<int> MultiplayerPeerJava::peer_ids() {
	std::vector<int32_t> ids(entries.size() + 8);
	int n;
	while ((n = call(&Abi::gdwrtc_mp_peer_ids, handle, ids.data(), (int)ids.size())) > (int)ids.size()) {
		ids.resize((size_t)n);
	}
	return std::vector<int>(ids.begin(), ids.begin() + (n < 0 ? 0 : n));
}

gd::Variant MultiplayerPeerJava::peer_dictionary(int id) {
	gd::Variant dict = gd::new_dictionary();
	int entry = call(&Abi::gdwrtc_mp_peer_handle, handle, id);
	if (entry <= 0) {
		GDWRTC_REPORT(entry); // not in the core's map
		return dict;
	}
	auto it = entries.find(entry);
	if (it == entries.end()) {
		GD_ERROR("Peer " + std::to_string(id) + " has no objects (a bug).");
		return dict;
	}
	gd::Variant channels = gd::new_array();
	for (const gd::Variant &ch : it->second.channels) {
		gd::array_push(channels, ch);
	}
	// Godot's key order (a Dictionary keeps insertion order, and scripts see it in keys()).
	gd::dictionary_set(dict, gd::Variant(std::string("connection")), gd::Variant(it->second.connection));
	gd::dictionary_set(dict, gd::Variant(std::string("connected")), gd::Variant(call(&Abi::gdwrtc_mp_peer_connected, handle, id) == 1));
	gd::dictionary_set(dict, gd::Variant(std::string("channels")), channels);
	return dict;
}

// The channels the core made for a peer just added, each wrapped once in a Godot object that
// closes the channel when freed.
static std::vector<gd::Variant> wrap_channels(int mp, int id) {
	std::vector<int32_t> handles(8);
	int n;
	while ((n = call(&Abi::gdwrtc_mp_peer_channels, mp, id, handles.data(), (int)handles.size())) > (int)handles.size()) {
		handles.resize((size_t)n);
	}
	std::vector<gd::Variant> out;
	for (int i = 0; i < n; i++) {
		out.emplace_back(DataChannelJava::wrap(handles[i], true));
	}
	return out;
}

// Methods scripts call (registered with call and ptrcall forms in godot.cpp), and the indices of
// their arguments.
enum CreateArg { CREATE_PEER_ID = 0, CREATE_CHANNELS_CONFIG = 1, SERVER_CHANNELS_CONFIG = 0 };
enum InitializeArg { INIT_PEER_ID = 0, INIT_SERVER_COMPATIBILITY = 1 };
enum AddPeerArg { ADD_PEER = 0, ADD_PEER_ID = 1, ADD_UNRELIABLE_LIFETIME = 2 };
enum PeerIdArg { PEER_ID = 0 };
// Of the virtuals: _put_packet(buffer, size), _disconnect_peer(peer, force), the setters' value.
enum VirtualArg { PUT_BUFFER = 0, PUT_SIZE = 1, DISCONNECT_PEER = 0, DISCONNECT_FORCE = 1, SET_VALUE = 0 };

struct MultiplayerPeerMethods {
	static gd::Variant create_server(void *p, const gd::Variant *a) {
		std::vector<int> cfg = channels_config(a[SERVER_CHANNELS_CONFIG]);
		return gd::Variant(GDWRTC_REPORT(call(&Abi::gdwrtc_mp_create_server, self(p)->handle, cfg.data(), (int)cfg.size())));
	}
	static gd::Variant create_client(void *p, const gd::Variant *a) {
		std::vector<int> cfg = channels_config(a[CREATE_CHANNELS_CONFIG]);
		return gd::Variant(GDWRTC_REPORT(call(&Abi::gdwrtc_mp_create_client, self(p)->handle, (int)a[CREATE_PEER_ID].as_int(), cfg.data(), (int)cfg.size())));
	}
	static gd::Variant create_mesh(void *p, const gd::Variant *a) {
		std::vector<int> cfg = channels_config(a[CREATE_CHANNELS_CONFIG]);
		return gd::Variant(GDWRTC_REPORT(call(&Abi::gdwrtc_mp_create_mesh, self(p)->handle, (int)a[CREATE_PEER_ID].as_int(), cfg.data(), (int)cfg.size())));
	}
	static gd::Variant initialize(void *p, const gd::Variant *a) {
		return gd::Variant(GDWRTC_REPORT(call(&Abi::gdwrtc_mp_initialize, self(p)->handle, (int)a[INIT_PEER_ID].as_int(), a[INIT_SERVER_COMPATIBILITY].as_bool() ? 1 : 0)));
	}
	static gd::Variant add_peer(void *p, const gd::Variant *a) {
		MultiplayerPeerJava *s = self(p);
		GDExtensionObjectPtr obj = a[ADD_PEER].as_object();
		PeerConnectionJava *pc = static_cast<PeerConnectionJava *>(gd::instance_of(obj, PeerConnectionJava::CLASS));
		if (obj && !pc) {
			GD_ERROR("add_peer() needs a WebRTCPeerConnection backed by WebRTCPeerConnectionJava (create it with "
					 "WebRTCPeerConnection.new() while this extension is loaded).");
			return gd::Variant((int64_t)gd::ERR_INVALID_PARAMETER);
		}
		int id = (int)a[ADD_PEER_ID].as_int();
		// A null connection goes to the core as handle 0: Godot checks the mode, ids and
		// refuse_new_connections first, so those errors win over the null one.
		int64_t err = GDWRTC_REPORT(call(&Abi::gdwrtc_mp_add_peer, s->handle, pc ? pc->handle : 0, id, (int)a[ADD_UNRELIABLE_LIFETIME].as_int()));
		if (err == gd::OK) {
			int entry = call(&Abi::gdwrtc_mp_peer_handle, s->handle, id);
			if (entry > 0) {
				gd::reference(obj);
				s->entries[entry] = { obj, pc, wrap_channels(s->handle, id) };
			}
			s->drain_events(); // an entry it replaced is released now, as Godot drops it
		}
		return gd::Variant(err);
	}
	static gd::Variant remove_peer(void *p, const gd::Variant *a) {
		MultiplayerPeerJava *s = self(p);
		GDWRTC_REPORT(call(&Abi::gdwrtc_mp_remove_peer, s->handle, (int)a[PEER_ID].as_int()));
		s->drain_events();
		return gd::Variant();
	}
	static gd::Variant has_peer(void *p, const gd::Variant *a) {
		return gd::Variant(call(&Abi::gdwrtc_mp_has_peer, self(p)->handle, (int)a[PEER_ID].as_int()) == 1);
	}
	static gd::Variant get_peer(void *p, const gd::Variant *a) {
		return self(p)->peer_dictionary((int)a[PEER_ID].as_int());
	}
	static gd::Variant get_peers(void *p, const gd::Variant *) {
		MultiplayerPeerJava *s = self(p);
		gd::Variant all = gd::new_dictionary();
		for (int id : s->peer_ids()) {
			gd::dictionary_set(all, gd::Variant((int64_t)id), s->peer_dictionary(id));
		}
		return all;
	}
};

// MultiplayerPeerExtension's virtual methods.
struct MultiplayerPeerVirtuals {
	using Args = const GDExtensionConstTypePtr *;
	static void get_packet(GDExtensionClassInstancePtr p, Args args, GDExtensionTypePtr r) {
		MultiplayerPeerJava *s = self(p);
		ret_int(r, read_packet(s->buffer, s->handle, &Abi::gdwrtc_mp_get_packet, &Abi::gdwrtc_mp_next_packet_size, args));
	}
	static void put_packet(GDExtensionClassInstancePtr p, Args args, GDExtensionTypePtr r) {
		ret_int(r, GDWRTC_REPORT(call(&Abi::gdwrtc_mp_put_packet, self(p)->handle, arg<const uint8_t *>(args, PUT_BUFFER), (int)arg<int64_t>(args, PUT_SIZE))));
	}
#define GDWRTC_INT_GETTER(fn_name, abi_fn) \
	static void fn_name(GDExtensionClassInstancePtr p, Args, GDExtensionTypePtr r) { ret_int(r, call(&Abi::abi_fn, self(p)->handle)); }
#define GDWRTC_BOOL_GETTER(fn_name, abi_fn) \
	static void fn_name(GDExtensionClassInstancePtr p, Args, GDExtensionTypePtr r) { ret_bool(r, call(&Abi::abi_fn, self(p)->handle) == 1); }
#define GDWRTC_INT_SETTER(fn_name, abi_fn) \
	static void fn_name(GDExtensionClassInstancePtr p, Args a, GDExtensionTypePtr) { call(&Abi::abi_fn, self(p)->handle, (int)arg<int64_t>(a, SET_VALUE)); }
	GDWRTC_INT_GETTER(available, gdwrtc_mp_available_packet_count)
	GDWRTC_INT_GETTER(max_packet_size, gdwrtc_mp_max_packet_size)
	GDWRTC_INT_GETTER(packet_channel, gdwrtc_mp_packet_channel)
	GDWRTC_INT_GETTER(packet_mode, gdwrtc_mp_packet_mode)
	GDWRTC_INT_GETTER(transfer_channel, gdwrtc_mp_transfer_channel)
	GDWRTC_INT_GETTER(transfer_mode, gdwrtc_mp_transfer_mode)
	GDWRTC_INT_GETTER(packet_peer, gdwrtc_mp_packet_peer)
	GDWRTC_INT_GETTER(unique_id, gdwrtc_mp_unique_id)
	GDWRTC_INT_GETTER(connection_status, gdwrtc_mp_connection_status)
	GDWRTC_BOOL_GETTER(is_server, gdwrtc_mp_is_server)
	GDWRTC_BOOL_GETTER(is_refusing, gdwrtc_mp_is_refusing_new_connections)
	GDWRTC_BOOL_GETTER(relay_supported, gdwrtc_mp_is_server_relay_supported)
	GDWRTC_INT_SETTER(set_transfer_channel, gdwrtc_mp_set_transfer_channel)
	GDWRTC_INT_SETTER(set_transfer_mode, gdwrtc_mp_set_transfer_mode)
	GDWRTC_INT_SETTER(set_target_peer, gdwrtc_mp_set_target_peer)
	static void set_refuse(GDExtensionClassInstancePtr p, Args a, GDExtensionTypePtr) {
		call(&Abi::gdwrtc_mp_set_refuse_new_connections, self(p)->handle, arg<GDExtensionBool>(a, SET_VALUE) ? 1 : 0);
	}
	static void poll(GDExtensionClassInstancePtr p, Args, GDExtensionTypePtr) {
		MultiplayerPeerJava *s = self(p);
		// As Godot holds a Ref for its poll: a signal handler may drop the last reference to this
		// peer (or close it, or free its connections) while we are still emitting.
		gd::Hold hold(s->owner);
		// One crossing tells which connections have signals of their own (ICE candidates,
		// descriptions: polled so they reach their Godot objects), the core's signals and the
		// peers that left its map; an idle frame costs just that crossing.
		int n = call(&Abi::gdwrtc_mp_poll, s->handle, s->events, MultiplayerPeerJava::EVENT_CAPACITY);
		if (n > 0) {
			s->emit_events(n);
			s->drain_events(); // the rest, if any; an idle frame costs no second crossing
		}
	}
	static void close(GDExtensionClassInstancePtr p, Args, GDExtensionTypePtr) {
		MultiplayerPeerJava *s = self(p);
		s->closes++;
		call(&Abi::gdwrtc_mp_close, s->handle);
		s->drain_events();
	}
	static void disconnect_peer(GDExtensionClassInstancePtr p, Args a, GDExtensionTypePtr) {
		MultiplayerPeerJava *s = self(p);
		GDWRTC_REPORT(call(&Abi::gdwrtc_mp_disconnect_peer, s->handle, (int)arg<int64_t>(a, DISCONNECT_PEER), arg<GDExtensionBool>(a, DISCONNECT_FORCE) ? 1 : 0));
		s->drain_events();
	}

	static GDExtensionClassCallVirtual get_virtual(void *, GDExtensionConstStringNamePtr name, uint32_t) {
		static const std::vector<Virtual> table = {
			GDWRTC_VIRTUAL("_get_packet", get_packet), GDWRTC_VIRTUAL("_put_packet", put_packet),
			GDWRTC_VIRTUAL("_get_available_packet_count", available), GDWRTC_VIRTUAL("_get_max_packet_size", max_packet_size),
			GDWRTC_VIRTUAL("_get_packet_channel", packet_channel), GDWRTC_VIRTUAL("_get_packet_mode", packet_mode),
			GDWRTC_VIRTUAL("_set_transfer_channel", set_transfer_channel), GDWRTC_VIRTUAL("_get_transfer_channel", transfer_channel),
			GDWRTC_VIRTUAL("_set_transfer_mode", set_transfer_mode), GDWRTC_VIRTUAL("_get_transfer_mode", transfer_mode),
			GDWRTC_VIRTUAL("_set_target_peer", set_target_peer), GDWRTC_VIRTUAL("_get_packet_peer", packet_peer),
			GDWRTC_VIRTUAL("_is_server", is_server), GDWRTC_VIRTUAL("_poll", poll), GDWRTC_VIRTUAL("_close", close),
			GDWRTC_VIRTUAL("_disconnect_peer", disconnect_peer), GDWRTC_VIRTUAL("_get_unique_id", unique_id),
			GDWRTC_VIRTUAL("_set_refuse_new_connections", set_refuse), GDWRTC_VIRTUAL("_is_refusing_new_connections", is_refusing),
			GDWRTC_VIRTUAL("_is_server_relay_supported", relay_supported), GDWRTC_VIRTUAL("_get_connection_status", connection_status),
		};
		return find_virtual(table, name);
	}
	static GDExtensionObjectPtr create(void *, GDExtensionBool) {
		gdwrtc::wait_jvm(); // the JVM starts off the main thread; a script may be quicker
		MultiplayerPeerJava *s = new MultiplayerPeerJava();
		s->owner = gd::construct("MultiplayerPeerExtension", MultiplayerPeerJava::CLASS, s);
		return s->owner;
	}
	static void free(void *, GDExtensionClassInstancePtr p) { delete self(p); }
};

void MultiplayerPeerJava::register_class() {
	gd::after_method = print_queued;
	using M = MultiplayerPeerMethods;
	constexpr auto INT = GDEXTENSION_VARIANT_TYPE_INT;
	constexpr auto BOOL = GDEXTENSION_VARIANT_TYPE_BOOL;
	constexpr auto ARRAY = GDEXTENSION_VARIANT_TYPE_ARRAY;
	constexpr auto DICT = GDEXTENSION_VARIANT_TYPE_DICTIONARY;
	constexpr auto NIL = GDEXTENSION_VARIANT_TYPE_NIL;
	gd::register_class(CLASS, "MultiplayerPeerExtension", MultiplayerPeerVirtuals::create, MultiplayerPeerVirtuals::free,
			MultiplayerPeerVirtuals::get_virtual);
	gd::register_method(CLASS, { "create_server", M::create_server, INT, { { "channels_config", ARRAY } }, { gd::new_array() } });
	gd::register_method(CLASS, { "create_client", M::create_client, INT, { { "peer_id", INT }, { "channels_config", ARRAY } }, { gd::new_array() } });
	gd::register_method(CLASS, { "create_mesh", M::create_mesh, INT, { { "peer_id", INT }, { "channels_config", ARRAY } }, { gd::new_array() } });
	gd::register_method(CLASS, { "initialize", M::initialize, INT, { { "peer_id", INT }, { "server_compatibility", BOOL } }, { gd::Variant(false) } });
	gd::register_method(CLASS, { "add_peer", M::add_peer, INT,
									   { { "peer", GDEXTENSION_VARIANT_TYPE_OBJECT, "WebRTCPeerConnection" }, { "peer_id", INT }, { "unreliable_lifetime", INT } },
									   { gd::Variant((int64_t)1) } });
	gd::register_method(CLASS, { "remove_peer", M::remove_peer, NIL, { { "peer_id", INT } }, {} });
	gd::register_method(CLASS, { "has_peer", M::has_peer, BOOL, { { "peer_id", INT } }, {} });
	gd::register_method(CLASS, { "get_peer", M::get_peer, DICT, { { "peer_id", INT } }, {} });
	gd::register_method(CLASS, { "get_peers", M::get_peers, DICT, {}, {} });
	// The Godot 3 form's signals (see initialize(peer_id, server_compatibility)).
	gd::register_signal(CLASS, "connection_succeeded", {});
	gd::register_signal(CLASS, "server_disconnected", {});
}

} // namespace gdwrtc
