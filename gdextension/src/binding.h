// What the three classes share: reporting a failed call of the C ABI and printing what the core
// queued, the virtual-method tables, ptrcall argument access and the one-crossing packet read.
#pragma once

#include <string>
#include <vector>

#include "gdwrtc_constants.h"
#include "godot.h"
#include "jvm.h"
#include "packet_buffer.h"

namespace gdwrtc {

// Prints the core's message for a failed call and returns the Godot error (r < 0 means -error).
// An answer of the unavailable table (jvm.h) is ERR_UNCONFIGURED, and why is printed once per
// process, not once per call: a game polls every frame.
int64_t report(int r, const char *function, const char *file, int line);
#define GDWRTC_REPORT(call) ::gdwrtc::report((call), __FUNCTION__, __FILE__, __LINE__)

// Calls fn of the C ABI on an object's handle. An object without a core handle (0: its creation
// failed, or the core did not start) is an unconfigured object for every call: it never reaches
// the core and gets the unavailable answers (ERR_UNCONFIGURED, counts 0, STATE_CLOSED, ...).
template <typename R, typename... P, typename... A>
R call(R (*Abi::*fn)(int, P...), int handle, A... args) {
	unavailable_answer = false; // what report() reads is this call's answer only
	return ((handle > 0 ? abi : unavailable).*fn)(handle, args...);
}

// The handle a gdwrtc_*_create function made, or 0 (reported where the caller is) when it could not.
int create_handle(int (*Abi::*create)(), const char *function, const char *file, int line);
#define GDWRTC_CREATE(fn) ::gdwrtc::create_handle(&Abi::fn, __FUNCTION__, __FILE__, __LINE__)

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
// into `buffer` (kept by the object, valid until its next read; see packet_buffer.h). Sets the
// r_buffer / r_buffer_size arguments and returns the Godot error.
int64_t read_packet(std::vector<uint8_t> &buffer, int handle, int (*Abi::*get)(int, uint8_t *, int), int (*Abi::*next_size)(int),
		const GDExtensionConstTypePtr *args);
inline void ret_bool(GDExtensionTypePtr r, bool v) { *static_cast<GDExtensionBool *>(r) = v; }

} // namespace gdwrtc
