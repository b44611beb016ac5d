#include "stats.h"

#include "multiplayer_peer.h"
#include "peer_connection.h"
#include "stats_records.h"

namespace gdwrtc {

namespace {

// Builds the Godot 4 values of a stats body (stats_records.h).
struct VariantBuilder {
	using Value = gd::Variant;
	Value integer(int64_t v) { return Value(v); }
	Value real(double v) { return Value(v); }
	Value text(const std::string &s) { return Value(s); }
	Value array() { return gd::new_array(); }
	void push(Value &a, const Value &v) { gd::array_push(a, v); }
	Value dictionary() { return gd::new_dictionary(); }
	void set(Value &d, const std::string &key, const Value &v) { gd::dictionary_set(d, Value(key), v); }
};

// Never freed: a String Variant must not be destroyed after Godot has shut down.
const gd::Variant &age_key() {
	static const gd::Variant *key = new gd::Variant(std::string("age"));
	return *key;
}

gd::Variant connection_stats(void *instance, const gd::Variant *) {
	PeerConnectionJava *pc = static_cast<PeerConnectionJava *>(instance);
	return pc->stats.read(pc->handle);
}

gd::Variant restart_ice(void *instance, const gd::Variant *) {
	return gd::Variant((int64_t)GDWRTC_REPORT(call(&Abi::gdwrtc_pc_restart_ice, static_cast<PeerConnectionJava *>(instance)->handle)));
}

gd::Variant peer_stats(void *instance, const gd::Variant *args) {
	MultiplayerPeerJava *mp = static_cast<MultiplayerPeerJava *>(instance);
	int64_t id = args[0].as_int();
	int entry = call(&Abi::gdwrtc_mp_peer_handle, mp->handle, (int)id);
	auto it = entry > 0 ? mp->entries.find(entry) : mp->entries.end();
	if (it == mp->entries.end() || !it->second.pc) {
		GD_ERROR("Peer " + std::to_string(id) + " is not in the peer map.");
		return gd::new_dictionary();
	}
	return connection_stats(it->second.pc, nullptr);
}

} // namespace

gd::Variant StatsCache::read(int handle) {
	// A new sample may land between a too-small read and the next: a few tries, then give up.
	for (int attempt = 0; attempt < 4; attempt++) {
		int n = call(&Abi::gdwrtc_pc_stats, handle, sequence, buffer.data(), (int)buffer.size());
		if (n < 0) {
			GDWRTC_REPORT(n);
			return gd::new_dictionary();
		}
		if (n > (int)buffer.size()) {
			buffer.resize((size_t)n);
			continue;
		}
		StatsHeader h = StatsHeader::read(buffer.data());
		if (h.body > 0) {
			VariantBuilder b;
			StatsReader<VariantBuilder> r{ buffer.data() + GDWRTC_STATS_HEADER_SIZE, buffer.data() + GDWRTC_STATS_HEADER_SIZE + h.body, b };
			gd::Variant d = r.value();
			if (d.type() != GDEXTENSION_VARIANT_TYPE_DICTIONARY) {
				GD_ERROR("Corrupt stats from the Java core.");
				return gd::new_dictionary();
			}
			dictionary = d;
			sequence = h.sequence;
		}
		gd::dictionary_set(dictionary, age_key(), gd::Variant(h.age));
		return dictionary;
	}
	GD_ERROR("The stats changed size too often to be read.");
	return gd::new_dictionary();
}

void register_stats_methods() {
	constexpr auto INT = GDEXTENSION_VARIANT_TYPE_INT;
	constexpr auto DICT = GDEXTENSION_VARIANT_TYPE_DICTIONARY;
	gd::register_method(PeerConnectionJava::CLASS, { "get_stats", connection_stats, DICT, {}, {} });
	gd::register_method(PeerConnectionJava::CLASS, { "restart_ice", restart_ice, INT, {}, {} });
	gd::register_method(MultiplayerPeerJava::CLASS, { "get_peer_stats", peer_stats, DICT, { { "peer_id", INT } }, {} });
}

} // namespace gdwrtc
