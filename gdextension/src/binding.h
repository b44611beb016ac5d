// What the three classes share: reporting a failed call of the C ABI and printing what the core
// queued, the virtual-method tables, ptrcall argument access and the one-crossing packet read.
#pragma once

#include <string>
#include <vector>

#include "gdwrtc_constants.h"
#include "godot.h"
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
#define GDWRTC_VIRTUAL(name, fn) \
	Virtual { name, &then_print<fn> }

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

} // namespace gdwrtc
