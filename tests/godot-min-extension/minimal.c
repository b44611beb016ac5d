// A minimal GDExtension, nothing of ours: one empty RefCounted subclass registered at the scene level.
// Enough to make Godot 4.6's first headless --import abort (repro.sh, docs/editor.md).
#include <gdextension_interface.h>
#include <stddef.h>
static GDExtensionInterfaceGetProcAddress gpa;
static GDExtensionClassLibraryPtr lib;
static void *create(void *ud, GDExtensionBool p) { return NULL; }
static void freei(void *ud, GDExtensionClassInstancePtr i) {}
static void init(void *ud, GDExtensionInitializationLevel level) {
	if (level != GDEXTENSION_INITIALIZATION_SCENE) return;
	GDExtensionInterfaceStringNameNewWithLatin1Chars sn = (GDExtensionInterfaceStringNameNewWithLatin1Chars)gpa("string_name_new_with_latin1_chars");
	GDExtensionInterfaceClassdbRegisterExtensionClass4 reg = (GDExtensionInterfaceClassdbRegisterExtensionClass4)gpa("classdb_register_extension_class4");
	static char cls[8], parent[8];
	sn(cls, "MinimalThing", 1);
	sn(parent, "RefCounted", 1);
	GDExtensionClassCreationInfo4 info = {0};
	info.is_exposed = 1;
	info.create_instance_func = NULL;
	reg(lib, cls, parent, &info);
}
static void deinit(void *ud, GDExtensionInitializationLevel level) {}
__attribute__((visibility("default"))) GDExtensionBool minimal_init(GDExtensionInterfaceGetProcAddress p, GDExtensionClassLibraryPtr l, GDExtensionInitialization *r) {
	gpa = p; lib = l;
	r->minimum_initialization_level = GDEXTENSION_INITIALIZATION_SCENE;
	r->initialize = init; r->deinitialize = deinit; r->userdata = NULL;
	return 1;
}
