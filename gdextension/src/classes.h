// The three Godot classes of the extension. Each holds the integer handle of its Java object and
// forwards to the gdwrtc_* C ABI; events surface only from poll(), on the caller's thread.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "godot.h"
#include "gdwrtc_constants.h"
#include "jvm.h"

namespace gdwrtc {

// Prints the core's message for a failed call and returns the Godot error (r < 0 means -error).
int64_t report(int r, const char *function, const char *file, int line);
#define GDWRTC_REPORT(call) ::gdwrtc::report((call), __FUNCTION__, __FILE__, __LINE__)

// Prints the errors the core queued during the last calls where Godot's class prints one but the
// call goes on or returns a value (its ERR_PRINT, a getter's ERR_FAIL_V). Costs no crossing when
// none is queued: the core raises a flag we read.
void print_queued();

// A virtual method that prints what its calls queued once it is done.
template <GDExtensionClassCallVirtual F>
void then_print(GDExtensionClassInstancePtr p, const GDExtensionConstTypePtr *args, GDExtensionTypePtr r) {
	F(p, args, r);
	print_queued();
}
#define GDWRTC_VIRTUAL(name, fn) Virtual{ name, &then_print<fn> }

// Virtual method tables: the engine asks by name, we answer with a function pointer.
struct Virtual {
	const char *name;
	GDExtensionClassCallVirtual fn;
};
GDExtensionClassCallVirtual find_virtual(const std::vector<Virtual> &table, GDExtensionConstStringNamePtr name);

// Reads/writes ptrcall arguments as Godot encodes them.
template <typename T>
inline T arg(const GDExtensionConstTypePtr *args, int i) { return *static_cast<const T *>(args[i]); }
inline void ret_int(GDExtensionTypePtr r, int64_t v) { *static_cast<int64_t *>(r) = v; }

// The _get_packet virtual of a data channel or multiplayer peer: one crossing reads the next packet
// into `buffer` (kept by the object, valid until its next read), which grows once for a packet
// larger than any before. Sets the r_buffer / r_buffer_size arguments and returns the Godot error.
int64_t read_packet(std::vector<uint8_t> &buffer, int handle, int (*get)(int, uint8_t *, int), int (*next_size)(int),
		const GDExtensionConstTypePtr *args);
inline void ret_bool(GDExtensionTypePtr r, bool v) { *static_cast<GDExtensionBool *>(r) = v; }

struct DataChannelJava {
	static constexpr const char *CLASS = "WebRTCDataChannelJava";
	static void register_class();
	// Wraps a core channel in a new engine object. Owned channels are closed with their object;
	// the multiplayer peer's channels belong to it and are only looked at through the object.
	static GDExtensionObjectPtr wrap(int handle, bool owned);

	GDExtensionObjectPtr owner = nullptr;
	int handle = 0;
	bool owned = false;

	std::vector<uint8_t> buffer = std::vector<uint8_t>(4096);
	~DataChannelJava();
};

struct PeerConnectionJava {
	static constexpr const char *CLASS = "WebRTCPeerConnectionJava";
	static void register_class();

	GDExtensionObjectPtr owner = nullptr;
	int handle = 0;
	// Emits the queued session_description_created / ice_candidate_created / data_channel_received.
	int64_t poll();

	std::vector<uint8_t> events = std::vector<uint8_t>(16384);
	PeerConnectionJava();
	~PeerConnectionJava();
};

struct MultiplayerPeerJava {
	static constexpr const char *CLASS = "WebRTCMultiplayerPeerJava";
	static void register_class();

	GDExtensionObjectPtr owner = nullptr;
	int handle = 0;

	struct Peer {
		GDExtensionObjectPtr connection; // referenced while in the map
		PeerConnectionJava *pc;
		// The peer's channels as Godot objects, held while in the map; as in Godot, a channel
		// closes when its last reference goes (the core leaves dropped channels open for us).
		std::vector<gd::Variant> channels;
	};
	std::map<int, Peer> peers; // by id; the core's peer map decides membership and order
	std::vector<int> peer_ids(); // the core's peer map, in its (Godot's) order
	std::vector<uint8_t> buffer = std::vector<uint8_t>(4096);
	static constexpr int EVENT_CAPACITY = 64; // (type, id) pairs per crossing
	int32_t events[2 * EVENT_CAPACITY];

	MultiplayerPeerJava();
	~MultiplayerPeerJava();
	void emit_events(int count);
	void drain_events();
	void forget(int id);
	gd::Variant peer_dictionary(int id);
};

} // namespace gdwrtc
