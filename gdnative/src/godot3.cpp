#include "godot3.h"

#include <vector>

namespace g3 {

const godot_gdnative_core_api_struct *api = nullptr;
const godot_gdnative_ext_nativescript_api_struct *ns = nullptr;
const godot_gdnative_ext_net_3_2_api_struct *net = nullptr;
godot_object *library = nullptr;
void *ns_handle = nullptr;

bool load(const godot_gdnative_init_options *options, std::string *error) {
	api = options->api_struct;
	for (unsigned int i = 0; i < api->num_extensions; i++) {
		const godot_gdnative_api_struct *ext = api->extensions[i];
		if (ext->type == GDNATIVE_EXT_NATIVESCRIPT) {
			ns = reinterpret_cast<const godot_gdnative_ext_nativescript_api_struct *>(ext);
		} else if (ext->type == GDNATIVE_EXT_NET) {
			// The WebRTC calls came with net API 3.2, reached from 3.1 through `next`.
			for (const godot_gdnative_api_struct *v = ext->next; v; v = v->next) {
				if (v->version.major == 3 && v->version.minor >= 2) {
					net = reinterpret_cast<const godot_gdnative_ext_net_3_2_api_struct *>(v);
				}
			}
		}
	}
	library = options->gd_native_library;
	if (!ns || !net) {
		*error = "this Godot has no GDNative NativeScript or WebRTC (net 3.2) API (Godot 3.2 or newer is required).";
		return false;
	}
	return true;
}

std::string utf8(const godot_string *s) {
	godot_char_string cs = api->godot_string_utf8(s);
	std::string out(api->godot_char_string_get_data(&cs), (size_t)api->godot_char_string_length(&cs));
	api->godot_char_string_destroy(&cs);
	return out;
}

String::String(const std::string &text) {
	api->godot_string_new(&s);
	api->godot_string_parse_utf8_with_len(&s, text.data(), (godot_int)text.size());
}

String::~String() { api->godot_string_destroy(&s); }

Variant::Variant(const std::string &text) {
	String s(text);
	api->godot_variant_new_string(&v, &s.s);
}

Variant::Variant(int64_t i) { api->godot_variant_new_int(&v, i); }

Variant::Variant(godot_object *o) { api->godot_variant_new_object(&v, o); }

Variant::~Variant() { api->godot_variant_destroy(&v); }

void error(const std::string &message, const char *function, const char *file, int line) {
	api->godot_print_error(message.c_str(), function, file, line);
}

std::string to_json(const godot_dictionary *d) {
	godot_string json = api->godot_dictionary_to_json(d);
	std::string out = utf8(&json);
	api->godot_string_destroy(&json);
	return out;
}

namespace {

// A method called through Variants: fine for calls made once per object or event, not per packet.
bool call(godot_object *object, const char *cls, const char *method, std::initializer_list<const Variant *> args) {
	godot_method_bind *bind = api->godot_method_bind_get_method(cls, method);
	if (!bind) {
		G3_ERROR(std::string("Godot has no ") + cls + "." + method + ".");
		return false;
	}
	std::vector<const godot_variant *> argv;
	for (const Variant *a : args) {
		argv.push_back(&a->v);
	}
	godot_variant_call_error err;
	godot_variant r = api->godot_method_bind_call(bind, object, argv.data(), (int)argv.size(), &err);
	api->godot_variant_destroy(&r);
	if (err.error != GODOT_CALL_ERROR_CALL_OK) {
		G3_ERROR(std::string("Calling ") + cls + "." + method + " failed (call error " + std::to_string(err.error) + ").");
		return false;
	}
	return true;
}

} // namespace

void emit_signal(godot_object *object, const char *signal, std::initializer_list<const Variant *> args) {
	static godot_method_bind *bind = api->godot_method_bind_get_method("Object", "emit_signal");
	Variant name{ std::string(signal) };
	std::vector<const godot_variant *> argv{ &name.v };
	for (const Variant *a : args) {
		argv.push_back(&a->v);
	}
	godot_variant_call_error err;
	godot_variant r = api->godot_method_bind_call(bind, object, argv.data(), (int)argv.size(), &err);
	api->godot_variant_destroy(&r);
}

bool attach_script(godot_object *object, const char *script_class) {
	static godot_class_constructor new_script = api->godot_get_class_constructor("NativeScript");
	godot_object *script = new_script ? new_script() : nullptr;
	if (!script) {
		G3_ERROR("Godot could not make a NativeScript.");
		return false;
	}
	Variant held(script); // the script is a Reference: this keeps it until the object holds it
	Variant lib(library), name{ std::string(script_class) };
	return call(script, "NativeScript", "set_library", { &lib }) && call(script, "NativeScript", "set_class_name", { &name }) &&
			call(object, "Object", "set_script", { &held });
}

void register_script_class(const char *name, const char *base, void *(*create)(godot_object *, void *),
		void (*destroy)(godot_object *, void *, void *)) {
	godot_instance_create_func c = { create, nullptr, nullptr };
	godot_instance_destroy_func d = { destroy, nullptr, nullptr };
	ns->godot_nativescript_register_class(ns_handle, name, base, c, d);
}

} // namespace g3
