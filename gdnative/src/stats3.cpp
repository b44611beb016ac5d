// Godot 3's get_stats() and restart_ice() on WebRTCPeerConnection (our NativeScript class): the
// same core calls as Godot 4's, the Dictionary built fresh on each call (Godot 3's scripts call
// through Variants anyway). Godot 3's WebRTCMultiplayer is the engine's, so there is no
// get_peer_stats(): a script asks each peer's connection (get_peer(id).connection.get_stats()).
#include "binding.h"
#include "stats_records.h"

namespace gdwrtc {

namespace {

// A godot_variant with value semantics, for the stats reader.
struct V {
	godot_variant v;
	V() { g3::api->godot_variant_new_nil(&v); }
	V(const V &o) { g3::api->godot_variant_new_copy(&v, &o.v); }
	V &operator=(const V &o) {
		if (this != &o) {
			g3::api->godot_variant_destroy(&v);
			g3::api->godot_variant_new_copy(&v, &o.v);
		}
		return *this;
	}
	~V() { g3::api->godot_variant_destroy(&v); }
};

// Arrays and Dictionaries are shared: filling the copy a Variant hands out fills the Variant's.
struct Builder3 {
	using Value = V;
	Value integer(int64_t i) {
		V out;
		g3::api->godot_variant_new_int(&out.v, i);
		return out;
	}
	Value real(double d) {
		V out;
		g3::api->godot_variant_new_real(&out.v, d);
		return out;
	}
	Value text(const std::string &s) {
		V out;
		g3::Variant t(s);
		g3::api->godot_variant_new_copy(&out.v, &t.v);
		return out;
	}
	Value array() {
		godot_array a;
		g3::api->godot_array_new(&a);
		V out;
		g3::api->godot_variant_new_array(&out.v, &a);
		g3::api->godot_array_destroy(&a);
		return out;
	}
	void push(Value &array, const Value &v) {
		godot_array a = g3::api->godot_variant_as_array(&array.v);
		g3::api->godot_array_push_back(&a, &v.v);
		g3::api->godot_array_destroy(&a);
	}
	Value dictionary() {
		godot_dictionary d;
		g3::api->godot_dictionary_new(&d);
		V out;
		g3::api->godot_variant_new_dictionary(&out.v, &d);
		g3::api->godot_dictionary_destroy(&d);
		return out;
	}
	void set(Value &dict, const std::string &key, const Value &v) {
		godot_dictionary d = g3::api->godot_variant_as_dictionary(&dict.v);
		g3::Variant k(key);
		g3::api->godot_dictionary_set(&d, &k.v, &v.v);
		g3::api->godot_dictionary_destroy(&d);
	}
};

godot_variant get_stats(godot_object *, void *, void *user, int, godot_variant **) {
	PeerConnection3 *pc = static_cast<PeerConnection3 *>(user);
	thread_local std::vector<uint8_t> buffer(1024);
	Builder3 b;
	V out = b.dictionary();
	for (int attempt = 0; attempt < 4; attempt++) {
		int n = abi.gdwrtc_pc_stats(pc->handle, -1, buffer.data(), (int)buffer.size()); // -1: never "already known"
		if (n < 0) {
			GDWRTC_REPORT(n);
			break;
		}
		if (n > (int)buffer.size()) {
			buffer.resize((size_t)n);
			continue;
		}
		StatsHeader h = StatsHeader::read(buffer.data());
		const uint8_t *body = buffer.data() + GDWRTC_STATS_HEADER_SIZE;
		StatsReader<Builder3> r{ body, body + h.body, b };
		V d = r.value();
		if (g3::api->godot_variant_get_type(&d.v) == GODOT_VARIANT_TYPE_DICTIONARY) {
			out = d;
			b.set(out, "age", b.real(h.age));
		}
		break;
	}
	godot_variant ret;
	g3::api->godot_variant_new_copy(&ret, &out.v);
	return ret;
}

godot_variant restart_ice(godot_object *, void *, void *user, int, godot_variant **) {
	godot_variant ret;
	g3::api->godot_variant_new_int(&ret, GDWRTC_REPORT(abi.gdwrtc_pc_restart_ice(static_cast<PeerConnection3 *>(user)->handle)));
	return ret;
}

} // namespace

void register_stats_methods3() {
	godot_method_attributes attr = { GODOT_METHOD_RPC_MODE_DISABLED };
	g3::ns->godot_nativescript_register_method(g3::ns_handle, PeerConnection3::CLASS, "get_stats", attr, { get_stats, nullptr, nullptr });
	g3::ns->godot_nativescript_register_method(g3::ns_handle, PeerConnection3::CLASS, "restart_ice", attr, { restart_ice, nullptr, nullptr });
}

} // namespace gdwrtc
