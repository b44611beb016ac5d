// A thin binding over gdextension_interface.h (dumped from the Godot binary at build time): the
// interface functions we call, RAII wrappers for the few builtin types we touch, and helpers to
// register classes, methods and signals. Only what this extension needs; no godot-cpp.
#pragma once

#include <gdextension_interface.h>

#include <cstdint>
#include <string>
#include <vector>

namespace gd {

// Godot's Error values that this extension returns itself.
enum Error : int64_t {
	OK = 0,
	FAILED = 1,
	ERR_UNAVAILABLE = 2,
	ERR_UNCONFIGURED = 3,
	ERR_OUT_OF_MEMORY = 6,
	ERR_INVALID_PARAMETER = 31,
	ERR_BUG = 47,
};

struct Interface {
#define GD_FN(type, name) GDExtensionInterface##type name;
#include "godot_functions.inc"
#undef GD_FN
};
extern Interface api;
extern GDExtensionClassLibraryPtr library;

bool load_interface(GDExtensionInterfaceGetProcAddress get_proc_address);

// Prints an error to Godot's output (and the editor's debugger) with where it came from.
void error(const std::string &message, const char *function, const char *file, int line);
#define GD_ERROR(msg) ::gd::error((msg), __FUNCTION__, __FILE__, __LINE__)

// Builtins as opaque storage of Godot's size; constructed and destroyed through the interface.
struct StringName {
	alignas(8) uint8_t opaque[8] = {};
	explicit StringName(const char *utf8);
	~StringName();
	StringName(const StringName &) = delete;
	StringName &operator=(const StringName &) = delete;
	bool operator==(const StringName &o) const;
	GDExtensionStringNamePtr ptr() { return opaque; }
	GDExtensionConstStringNamePtr ptr() const { return opaque; }
};

struct String {
	alignas(8) uint8_t opaque[8] = {};
	String();
	explicit String(const std::string &utf8);
	~String();
	String(const String &) = delete;
	String &operator=(const String &) = delete;
	// Reads a String the engine owns (a ptrcall argument).
	static std::string utf8(GDExtensionConstStringPtr s);
	// Replaces the value of an already constructed String the engine owns (a ptrcall return).
	static void assign(GDExtensionStringPtr target, const std::string &utf8);
	GDExtensionStringPtr ptr() { return opaque; }
};

struct Variant {
	alignas(8) uint8_t opaque[24] = {};
	Variant();
	Variant(int64_t v);
	Variant(bool v);
	Variant(double v);
	Variant(const std::string &utf8);
	Variant(const StringName &v);
	Variant(GDExtensionObjectPtr object); // nil when null
	Variant(const Variant &o);
	Variant &operator=(const Variant &o);
	~Variant();
	// Takes the value of a Godot type stored at p (a ptrcall argument) of the given type.
	static Variant from_type(GDExtensionVariantType type, GDExtensionConstTypePtr p);
	GDExtensionVariantType type() const;
	int64_t as_int() const;
	bool as_bool() const;
	GDExtensionObjectPtr as_object() const;
	// Writes this value into an engine-owned, already constructed return slot of the given type.
	void store(GDExtensionVariantType type, GDExtensionTypePtr r_ret) const;
	GDExtensionVariantPtr ptr() { return opaque; }
	GDExtensionConstVariantPtr ptr() const { return opaque; }
};

// Array and Dictionary live inside Variants here: that is all we need of them.
Variant new_array();
int64_t array_size(const Variant &array);
Variant array_get(const Variant &array, int64_t index);
void array_push(Variant &array, const Variant &value);
Variant new_dictionary();
void dictionary_set(Variant &dict, const Variant &key, const Variant &value);

// PackedVector2Array (audio frames, left and right) inside a Variant: made from count (x, y)
// float pairs, or read into a vector of pairs (empty if the Variant holds something else).
Variant new_packed_vector2_array(const float *xy, int64_t count);
void read_packed_vector2_array(const Variant &value, std::vector<float> &xy);

// JSON.stringify(value): how Dictionaries reach the Java core.
std::string to_json(const Variant &value);

// Engine calls on objects.
void emit_signal(GDExtensionObjectPtr object, const StringName &signal, const std::vector<Variant> &args);
// Takes a reference; false (and nothing taken) when the object is already being freed.
bool reference(GDExtensionObjectPtr object);
// Drops a reference and frees the object when it was the last one.
void unreference(GDExtensionObjectPtr object);

// A reference held for a scope (Godot's Ref<T> on the stack): the object outlives the scope's
// signal handlers even if they drop every other reference; freed at scope end if it was the last.
struct Hold {
	GDExtensionObjectPtr object;
	explicit Hold(GDExtensionObjectPtr o) : object(o && reference(o) ? o : nullptr) {}
	~Hold() {
		if (object) {
			unreference(object);
		}
	}
	Hold(const Hold &) = delete;
	Hold &operator=(const Hold &) = delete;
};
void call_static_set_default_extension(const char *base_class, const char *extension_class);

// Class registration.
struct ArgInfo {
	const char *name;
	GDExtensionVariantType type;
	const char *class_name = ""; // for OBJECT arguments
};
using MethodImpl = Variant (*)(void *instance, const Variant *args);
struct MethodDef {
	const char *name;
	MethodImpl impl;
	GDExtensionVariantType return_type; // NIL: no return value
	std::vector<ArgInfo> args;
	std::vector<Variant> defaults; // for the last args
	const char *return_class = "";
};
void register_class(const char *name, const char *parent, GDExtensionClassCreateInstance2 create,
		GDExtensionClassFreeInstance free, GDExtensionClassGetVirtual2 get_virtual);
void register_method(const char *class_name, const MethodDef &def);
// Called after each registered method returns (the extension prints what its calls queued).
extern void (*after_method)();
void register_signal(const char *class_name, const char *signal, const std::vector<ArgInfo> &args);

// Makes the engine object for an extension instance and binds the two together.
GDExtensionObjectPtr construct(const char *parent, const char *class_name, void *instance);
// The extension instance behind an object of our class, or null if it is not one of class_name.
void *instance_of(GDExtensionObjectPtr object, const char *class_name);

} // namespace gd
