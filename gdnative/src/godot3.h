// The slice of Godot 3's GDNative API the binding uses: the function tables Godot hands to
// godot_gdnative_init, and small helpers for strings, errors, signals and scripted objects.
#pragma once

#include <gdnative_api_struct.gen.h>

#include <initializer_list>
#include <string>

namespace g3 {

extern const godot_gdnative_core_api_struct *api;
extern const godot_gdnative_ext_nativescript_api_struct *ns;
extern const godot_gdnative_ext_net_3_2_api_struct *net; // has the WebRTC library calls
extern godot_object *library; // our GDNativeLibrary, for the NativeScripts we attach
extern void *ns_handle; // what godot_nativescript_init received, to register classes

// Finds the extensions in the init options; false (with the reason in *error) if one is missing.
bool load(const godot_gdnative_init_options *options, std::string *error);

std::string utf8(const godot_string *s);

// A godot_string made from UTF-8 text, destroyed with the helper.
struct String {
	godot_string s;
	explicit String(const std::string &text);
	~String();
	String(const String &) = delete;
	String &operator=(const String &) = delete;
};

// A godot_variant destroyed with the helper.
struct Variant {
	godot_variant v;
	explicit Variant(const std::string &text);
	explicit Variant(int64_t i);
	explicit Variant(godot_object *o); // references a Reference, as a script variable would
	~Variant();
	Variant(const Variant &) = delete;
	Variant &operator=(const Variant &) = delete;
};

void error(const std::string &message, const char *function, const char *file, int line);
#define G3_ERROR(message) ::g3::error((message), __FUNCTION__, __FILE__, __LINE__)

std::string to_json(const godot_dictionary *d);

// Object.emit_signal(signal, args...).
void emit_signal(godot_object *object, const char *signal, std::initializer_list<const Variant *> args);

// Gives `object` a NativeScript of our library with class `script_class`, which makes Godot call
// that class's create function (and its destroy function when the object goes). False on failure.
bool attach_script(godot_object *object, const char *script_class);

// Registers a NativeScript class of our library on top of the engine class `base`.
void register_script_class(const char *name, const char *base, void *(*create)(godot_object *, void *),
		void (*destroy)(godot_object *, void *, void *));

} // namespace g3
