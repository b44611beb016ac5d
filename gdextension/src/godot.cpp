#include "godot.h"

#include <algorithm>
#include <cstring>

namespace gd {

Interface api;
GDExtensionClassLibraryPtr library = nullptr;
void (*after_method)() = nullptr;

namespace {

// Hashes of the engine methods we call, generated from the dumped extension_api.json.
#include "godot_hashes.h"

GDExtensionMethodBindPtr method_bind(const char *cls, const char *method, GDExtensionInt hash) {
	StringName c(cls), m(method);
	return api.classdb_get_method_bind(c.ptr(), m.ptr(), hash);
}

void *binding_create(void *, void *) { return nullptr; }
void binding_free(void *, void *, void *) {}
GDExtensionBool binding_reference(void *, void *, GDExtensionBool) { return true; }
const GDExtensionInstanceBindingCallbacks binding_callbacks = { binding_create, binding_free, binding_reference };

} // namespace

bool load_interface(GDExtensionInterfaceGetProcAddress get_proc_address) {
	bool ok = true;
#define GD_FN(type, name)                                                             \
	api.name = reinterpret_cast<GDExtensionInterface##type>(get_proc_address(#name)); \
	ok = ok && api.name != nullptr;
#include "godot_functions.inc"
#undef GD_FN
	return ok;
}

void error(const std::string &message, const char *function, const char *file, int line) {
	api.print_error_with_message("webrtc_java", message.c_str(), function, file, line, false);
}

// --- StringName / String ---------------------------------------------------------------------

StringName::StringName(const char *utf8) { api.string_name_new_with_utf8_chars(opaque, utf8); }
StringName::~StringName() { api.variant_get_ptr_destructor(GDEXTENSION_VARIANT_TYPE_STRING_NAME)(opaque); }
bool StringName::operator==(const StringName &o) const { return memcmp(opaque, o.opaque, sizeof(opaque)) == 0; }

String::String() { api.variant_get_ptr_constructor(GDEXTENSION_VARIANT_TYPE_STRING, 0)(opaque, nullptr); }
String::String(const std::string &utf8) {
	api.string_new_with_utf8_chars_and_len2(opaque, utf8.data(), (GDExtensionInt)utf8.size());
}
String::~String() { api.variant_get_ptr_destructor(GDEXTENSION_VARIANT_TYPE_STRING)(opaque); }

std::string String::utf8(GDExtensionConstStringPtr s) {
	GDExtensionInt n = api.string_to_utf8_chars(s, nullptr, 0);
	std::string out((size_t)n, '\0');
	api.string_to_utf8_chars(s, out.data(), n);
	return out;
}

void String::assign(GDExtensionStringPtr target, const std::string &utf8) {
	api.variant_get_ptr_destructor(GDEXTENSION_VARIANT_TYPE_STRING)(target);
	api.string_new_with_utf8_chars_and_len2(target, utf8.data(), (GDExtensionInt)utf8.size());
}

// --- Variant -----------------------------------------------------------------------------------

Variant::Variant() { api.variant_new_nil(opaque); }
Variant::Variant(int64_t v) { api.get_variant_from_type_constructor(GDEXTENSION_VARIANT_TYPE_INT)(opaque, &v); }
Variant::Variant(bool v) {
	GDExtensionBool b = v;
	api.get_variant_from_type_constructor(GDEXTENSION_VARIANT_TYPE_BOOL)(opaque, &b);
}
Variant::Variant(double v) { api.get_variant_from_type_constructor(GDEXTENSION_VARIANT_TYPE_FLOAT)(opaque, &v); }
Variant::Variant(const std::string &utf8) {
	String s(utf8);
	api.get_variant_from_type_constructor(GDEXTENSION_VARIANT_TYPE_STRING)(opaque, s.ptr());
}
Variant::Variant(const StringName &v) {
	api.get_variant_from_type_constructor(GDEXTENSION_VARIANT_TYPE_STRING_NAME)(opaque, const_cast<uint8_t *>(v.opaque));
}
Variant::Variant(GDExtensionObjectPtr object) {
	if (object) {
		api.get_variant_from_type_constructor(GDEXTENSION_VARIANT_TYPE_OBJECT)(opaque, &object);
	} else {
		api.variant_new_nil(opaque);
	}
}
Variant::Variant(const Variant &o) { api.variant_new_copy(opaque, o.opaque); }
Variant &Variant::operator=(const Variant &o) {
	if (this != &o) {
		api.variant_destroy(opaque);
		api.variant_new_copy(opaque, o.opaque);
	}
	return *this;
}
Variant::~Variant() { api.variant_destroy(opaque); }

Variant Variant::from_type(GDExtensionVariantType type, GDExtensionConstTypePtr p) {
	Variant v;
	api.variant_destroy(v.opaque);
	if (type == GDEXTENSION_VARIANT_TYPE_NIL) { // a Variant argument
		api.variant_new_copy(v.opaque, p);
	} else if (type == GDEXTENSION_VARIANT_TYPE_OBJECT && *(GDExtensionObjectPtr const *)p == nullptr) {
		api.variant_new_nil(v.opaque);
	} else {
		api.get_variant_from_type_constructor(type)(v.opaque, const_cast<GDExtensionTypePtr>(p));
	}
	return v;
}

GDExtensionVariantType Variant::type() const { return api.variant_get_type(opaque); }

int64_t Variant::as_int() const {
	if (type() == GDEXTENSION_VARIANT_TYPE_BOOL) {
		return as_bool();
	}
	int64_t v = 0;
	if (type() == GDEXTENSION_VARIANT_TYPE_INT) {
		api.get_variant_to_type_constructor(GDEXTENSION_VARIANT_TYPE_INT)(&v, const_cast<uint8_t *>(opaque));
	}
	return v;
}

bool Variant::as_bool() const {
	GDExtensionBool b = 0;
	if (type() == GDEXTENSION_VARIANT_TYPE_BOOL) {
		api.get_variant_to_type_constructor(GDEXTENSION_VARIANT_TYPE_BOOL)(&b, const_cast<uint8_t *>(opaque));
	} else if (type() == GDEXTENSION_VARIANT_TYPE_INT) {
		return as_int() != 0;
	}
	return b;
}

GDExtensionObjectPtr Variant::as_object() const {
	GDExtensionObjectPtr o = nullptr;
	if (type() == GDEXTENSION_VARIANT_TYPE_OBJECT) {
		api.get_variant_to_type_constructor(GDEXTENSION_VARIANT_TYPE_OBJECT)(&o, const_cast<uint8_t *>(opaque));
	}
	return o;
}

void Variant::store(GDExtensionVariantType t, GDExtensionTypePtr r_ret) const {
	switch (t) {
		case GDEXTENSION_VARIANT_TYPE_NIL: // a Variant return
			api.variant_destroy(r_ret);
			api.variant_new_copy(r_ret, opaque);
			break;
		case GDEXTENSION_VARIANT_TYPE_BOOL:
			*(GDExtensionBool *)r_ret = as_bool();
			break;
		case GDEXTENSION_VARIANT_TYPE_INT:
			*(int64_t *)r_ret = as_int();
			break;
		default: // String, Dictionary, Array: replace the engine's constructed value
			api.variant_get_ptr_destructor(t)(r_ret);
			api.get_variant_to_type_constructor(t)(r_ret, const_cast<uint8_t *>(opaque));
			break;
	}
}

// --- Array / Dictionary --------------------------------------------------------------------------

Variant new_array() {
	alignas(8) uint8_t a[8];
	api.variant_get_ptr_constructor(GDEXTENSION_VARIANT_TYPE_ARRAY, 0)(a, nullptr);
	Variant v = Variant::from_type(GDEXTENSION_VARIANT_TYPE_ARRAY, a);
	api.variant_get_ptr_destructor(GDEXTENSION_VARIANT_TYPE_ARRAY)(a);
	return v;
}

// Arrays and Dictionaries are shared by reference: a Variant's payload points at the same data.
static void with_payload(const Variant &v, GDExtensionVariantType t, void (*fn)(void *payload, void *ctx), void *ctx) {
	alignas(8) uint8_t payload[8];
	api.get_variant_to_type_constructor(t)(payload, const_cast<uint8_t *>(v.opaque));
	fn(payload, ctx);
	api.variant_get_ptr_destructor(t)(payload);
}

int64_t array_size(const Variant &array) {
	if (array.type() != GDEXTENSION_VARIANT_TYPE_ARRAY) {
		return 0;
	}
	int64_t n = 0;
	with_payload(array, GDEXTENSION_VARIANT_TYPE_ARRAY, [](void *p, void *ctx) {
		static StringName size("size");
		static GDExtensionPtrBuiltInMethod m = api.variant_get_ptr_builtin_method(GDEXTENSION_VARIANT_TYPE_ARRAY, size.ptr(), HASH_ARRAY_SIZE);
		m(p, nullptr, ctx, 0);
	}, &n);
	return n;
}

Variant array_get(const Variant &array, int64_t index) {
	struct Ctx { int64_t index; Variant out; } ctx{ index, Variant() };
	with_payload(array, GDEXTENSION_VARIANT_TYPE_ARRAY, [](void *p, void *c) {
		Ctx *x = static_cast<Ctx *>(c);
		GDExtensionVariantPtr v = api.array_operator_index_const(p, x->index);
		if (v) {
			x->out = Variant::from_type(GDEXTENSION_VARIANT_TYPE_NIL, v);
		}
	}, &ctx);
	return ctx.out;
}

void array_push(Variant &array, const Variant &value) {
	with_payload(array, GDEXTENSION_VARIANT_TYPE_ARRAY, [](void *p, void *c) {
		static StringName push("push_back");
		static GDExtensionPtrBuiltInMethod m = api.variant_get_ptr_builtin_method(GDEXTENSION_VARIANT_TYPE_ARRAY, push.ptr(), HASH_ARRAY_PUSH_BACK);
		const GDExtensionConstTypePtr args[1] = { static_cast<const Variant *>(c)->opaque };
		m(p, args, nullptr, 1);
	}, const_cast<Variant *>(&value));
}

Variant new_dictionary() {
	alignas(8) uint8_t d[8];
	api.variant_get_ptr_constructor(GDEXTENSION_VARIANT_TYPE_DICTIONARY, 0)(d, nullptr);
	Variant v = Variant::from_type(GDEXTENSION_VARIANT_TYPE_DICTIONARY, d);
	api.variant_get_ptr_destructor(GDEXTENSION_VARIANT_TYPE_DICTIONARY)(d);
	return v;
}

void dictionary_set(Variant &dict, const Variant &key, const Variant &value) {
	struct Ctx { const Variant *key, *value; } ctx{ &key, &value };
	with_payload(dict, GDEXTENSION_VARIANT_TYPE_DICTIONARY, [](void *p, void *c) {
		Ctx *x = static_cast<Ctx *>(c);
		GDExtensionVariantPtr slot = api.dictionary_operator_index(p, x->key->opaque);
		api.variant_destroy(slot);
		api.variant_new_copy(slot, x->value->opaque);
	}, &ctx);
}

// --- PackedVector2Array (Vector2 is two floats in Godot's single-precision builds) -------------

Variant new_packed_vector2_array(const float *xy, int64_t count) {
	alignas(8) uint8_t a[16];
	api.variant_get_ptr_constructor(GDEXTENSION_VARIANT_TYPE_PACKED_VECTOR2_ARRAY, 0)(a, nullptr);
	if (count > 0) {
		static StringName resize("resize");
		static GDExtensionPtrBuiltInMethod m = api.variant_get_ptr_builtin_method(GDEXTENSION_VARIANT_TYPE_PACKED_VECTOR2_ARRAY, resize.ptr(), HASH_PACKED_VECTOR2_ARRAY_RESIZE);
		const GDExtensionConstTypePtr args[1] = { &count };
		int64_t err = 0;
		m(a, args, &err, 1);
		float *data = err == 0 ? static_cast<float *>(api.packed_vector2_array_operator_index(a, 0)) : nullptr;
		if (data) {
			std::copy(xy, xy + 2 * count, data);
		}
	}
	Variant v = Variant::from_type(GDEXTENSION_VARIANT_TYPE_PACKED_VECTOR2_ARRAY, a);
	api.variant_get_ptr_destructor(GDEXTENSION_VARIANT_TYPE_PACKED_VECTOR2_ARRAY)(a);
	return v;
}

void read_packed_vector2_array(const Variant &value, std::vector<float> &xy) {
	xy.clear();
	if (value.type() != GDEXTENSION_VARIANT_TYPE_PACKED_VECTOR2_ARRAY) {
		return;
	}
	alignas(8) uint8_t a[16];
	api.get_variant_to_type_constructor(GDEXTENSION_VARIANT_TYPE_PACKED_VECTOR2_ARRAY)(a, const_cast<uint8_t *>(value.opaque));
	static StringName size("size");
	static GDExtensionPtrBuiltInMethod m = api.variant_get_ptr_builtin_method(GDEXTENSION_VARIANT_TYPE_PACKED_VECTOR2_ARRAY, size.ptr(), HASH_PACKED_VECTOR2_ARRAY_SIZE);
	int64_t n = 0;
	m(a, nullptr, &n, 0);
	const float *data = n > 0 ? static_cast<const float *>(api.packed_vector2_array_operator_index_const(a, 0)) : nullptr;
	if (data) {
		xy.assign(data, data + 2 * n);
	}
	api.variant_get_ptr_destructor(GDEXTENSION_VARIANT_TYPE_PACKED_VECTOR2_ARRAY)(a);
}

std::string to_json(const Variant &value) {
	static GDExtensionMethodBindPtr mb = method_bind("JSON", "stringify", HASH_JSON_STRINGIFY);
	String indent;
	GDExtensionBool sort_keys = false, full_precision = false;
	const GDExtensionConstTypePtr args[4] = { value.opaque, indent.opaque, &sort_keys, &full_precision };
	String out;
	api.object_method_bind_ptrcall(mb, nullptr, args, out.ptr());
	return String::utf8(out.ptr());
}

// --- objects -------------------------------------------------------------------------------------

void emit_signal(GDExtensionObjectPtr object, const StringName &signal, const std::vector<Variant> &args) {
	static GDExtensionMethodBindPtr mb = method_bind("Object", "emit_signal", HASH_EMIT_SIGNAL);
	std::vector<Variant> all;
	all.reserve(args.size() + 1);
	all.emplace_back(signal);
	all.insert(all.end(), args.begin(), args.end());
	std::vector<GDExtensionConstVariantPtr> ptrs;
	for (const Variant &v : all) {
		ptrs.push_back(v.opaque);
	}
	Variant ret;
	api.variant_destroy(ret.opaque);
	GDExtensionCallError err;
	api.object_method_bind_call(mb, object, ptrs.data(), (GDExtensionInt)ptrs.size(), ret.opaque, &err);
}

bool reference(GDExtensionObjectPtr object) {
	static GDExtensionMethodBindPtr mb = method_bind("RefCounted", "reference", HASH_REFERENCE);
	GDExtensionBool r = false;
	api.object_method_bind_ptrcall(mb, object, nullptr, &r);
	return r;
}

void unreference(GDExtensionObjectPtr object) {
	static GDExtensionMethodBindPtr mb = method_bind("RefCounted", "unreference", HASH_UNREFERENCE);
	GDExtensionBool last = false;
	api.object_method_bind_ptrcall(mb, object, nullptr, &last);
	if (last) {
		api.object_destroy(object);
	}
}

void call_static_set_default_extension(const char *base_class, const char *extension_class) {
	GDExtensionMethodBindPtr mb = method_bind(base_class, "set_default_extension", HASH_SET_DEFAULT_EXTENSION);
	StringName ext(extension_class);
	const GDExtensionConstTypePtr args[1] = { ext.ptr() };
	api.object_method_bind_ptrcall(mb, nullptr, args, nullptr);
}

// --- registration --------------------------------------------------------------------------------

namespace {

// Names handed to the engine must outlive registration; keep them for the process lifetime.
GDExtensionStringNamePtr keep_name(const char *s) {
	return (new StringName(s))->ptr();
}

GDExtensionPropertyInfo prop(const ArgInfo &a) {
	GDExtensionPropertyInfo p = {};
	p.type = a.type;
	p.name = keep_name(a.name);
	p.class_name = keep_name(a.class_name);
	p.hint = 0;
	p.hint_string = (new String())->ptr();
	p.usage = 6; // PROPERTY_USAGE_DEFAULT
	return p;
}

struct BoundMethod {
	MethodDef def;
	size_t required() const { return def.args.size() - def.defaults.size(); }
};

void method_call(void *userdata, GDExtensionClassInstancePtr instance, const GDExtensionConstVariantPtr *args,
		GDExtensionInt argc, GDExtensionVariantPtr r_ret, GDExtensionCallError *r_error) {
	const BoundMethod *m = static_cast<const BoundMethod *>(userdata);
	size_t n = m->def.args.size();
	r_error->error = GDEXTENSION_CALL_OK;
	if ((size_t)argc < m->required() || (size_t)argc > n) {
		r_error->error = (size_t)argc < m->required() ? GDEXTENSION_CALL_ERROR_TOO_FEW_ARGUMENTS : GDEXTENSION_CALL_ERROR_TOO_MANY_ARGUMENTS;
		r_error->expected = (int32_t)(argc < (GDExtensionInt)m->required() ? m->required() : n);
		return;
	}
	std::vector<Variant> values(n);
	for (size_t i = 0; i < n; i++) {
		values[i] = (GDExtensionInt)i < argc ? Variant::from_type(GDEXTENSION_VARIANT_TYPE_NIL, args[i])
											 : m->def.defaults[i - m->required()];
		GDExtensionVariantType want = m->def.args[i].type, got = values[i].type();
		bool ok = want == GDEXTENSION_VARIANT_TYPE_NIL || want == got ||
				(want == GDEXTENSION_VARIANT_TYPE_OBJECT && got == GDEXTENSION_VARIANT_TYPE_NIL) ||
				(want == GDEXTENSION_VARIANT_TYPE_INT && got == GDEXTENSION_VARIANT_TYPE_BOOL) ||
				(want == GDEXTENSION_VARIANT_TYPE_BOOL && got == GDEXTENSION_VARIANT_TYPE_INT);
		if (!ok) {
			r_error->error = GDEXTENSION_CALL_ERROR_INVALID_ARGUMENT;
			r_error->argument = (int32_t)i;
			r_error->expected = want;
			return;
		}
	}
	Variant ret = m->def.impl(instance, values.data());
	api.variant_destroy(r_ret);
	api.variant_new_copy(r_ret, ret.opaque);
	if (after_method) {
		after_method();
	}
}

void method_ptrcall(void *userdata, GDExtensionClassInstancePtr instance, const GDExtensionConstTypePtr *args,
		GDExtensionTypePtr r_ret) {
	const BoundMethod *m = static_cast<const BoundMethod *>(userdata);
	std::vector<Variant> values;
	values.reserve(m->def.args.size());
	for (size_t i = 0; i < m->def.args.size(); i++) {
		values.push_back(Variant::from_type(m->def.args[i].type, args[i]));
	}
	Variant ret = m->def.impl(instance, values.data());
	if (m->def.return_type != GDEXTENSION_VARIANT_TYPE_NIL && r_ret) {
		ret.store(m->def.return_type, r_ret);
	}
	if (after_method) {
		after_method();
	}
}

} // namespace

void register_class(const char *name, const char *parent, GDExtensionClassCreateInstance2 create,
		GDExtensionClassFreeInstance free, GDExtensionClassGetVirtual2 get_virtual) {
	GDExtensionClassCreationInfo4 info = {};
	info.is_exposed = true;
	info.create_instance_func = create;
	info.free_instance_func = free;
	info.get_virtual_func = get_virtual;
	StringName n(name), p(parent);
	api.classdb_register_extension_class4(library, n.ptr(), p.ptr(), &info);
}

void register_method(const char *class_name, const MethodDef &def) {
	BoundMethod *bound = new BoundMethod{ def }; // lives as long as the class
	std::vector<GDExtensionPropertyInfo> *args = new std::vector<GDExtensionPropertyInfo>();
	std::vector<GDExtensionClassMethodArgumentMetadata> *meta = new std::vector<GDExtensionClassMethodArgumentMetadata>();
	for (const ArgInfo &a : def.args) {
		args->push_back(prop(a));
		meta->push_back(a.type == GDEXTENSION_VARIANT_TYPE_INT ? GDEXTENSION_METHOD_ARGUMENT_METADATA_INT_IS_INT32 : GDEXTENSION_METHOD_ARGUMENT_METADATA_NONE);
	}
	std::vector<GDExtensionVariantPtr> *defaults = new std::vector<GDExtensionVariantPtr>();
	for (Variant &d : bound->def.defaults) {
		defaults->push_back(d.ptr());
	}
	GDExtensionPropertyInfo *ret = new GDExtensionPropertyInfo(prop({ "", def.return_type, def.return_class }));
	GDExtensionClassMethodInfo info = {};
	info.name = keep_name(def.name);
	info.method_userdata = bound;
	info.call_func = method_call;
	info.ptrcall_func = method_ptrcall;
	info.method_flags = GDEXTENSION_METHOD_FLAGS_DEFAULT;
	info.has_return_value = def.return_type != GDEXTENSION_VARIANT_TYPE_NIL;
	info.return_value_info = ret;
	info.return_value_metadata = GDEXTENSION_METHOD_ARGUMENT_METADATA_NONE;
	info.argument_count = (uint32_t)args->size();
	info.arguments_info = args->data();
	info.arguments_metadata = meta->data();
	info.default_argument_count = (uint32_t)defaults->size();
	info.default_arguments = defaults->data();
	StringName c(class_name);
	api.classdb_register_extension_class_method(library, c.ptr(), &info);
}

void register_signal(const char *class_name, const char *signal, const std::vector<ArgInfo> &args) {
	std::vector<GDExtensionPropertyInfo> *props = new std::vector<GDExtensionPropertyInfo>();
	for (const ArgInfo &a : args) {
		props->push_back(prop(a));
	}
	StringName c(class_name), s(signal);
	api.classdb_register_extension_class_signal(library, c.ptr(), s.ptr(), props->data(), (GDExtensionInt)props->size());
}

GDExtensionObjectPtr construct(const char *parent, const char *class_name, void *instance) {
	StringName p(parent), c(class_name);
	GDExtensionObjectPtr obj = api.classdb_construct_object2(p.ptr());
	api.object_set_instance(obj, c.ptr(), instance);
	api.object_set_instance_binding(obj, library, instance, &binding_callbacks);
	return obj;
}

void *instance_of(GDExtensionObjectPtr object, const char *class_name) {
	if (!object) {
		return nullptr;
	}
	StringName c(class_name);
	if (!api.object_cast_to(object, api.classdb_get_class_tag(c.ptr()))) {
		return nullptr;
	}
	return api.object_get_instance_binding(object, library, &binding_callbacks);
}

} // namespace gd
