// The interface lookup the editor level needs: its functions are optional (absent in export
// templates), so they are looked up by name when used, never required at load.
#include "editor_level.h"
#include "godot.h"

namespace gdwrtc::editor {

namespace {
GDExtensionInterfaceGetProcAddress proc_address = nullptr;
}

void bind(GDExtensionInterfaceGetProcAddress get_proc_address) {
	proc_address = get_proc_address;
}

GDExtensionInterfaceFunctionPtr lookup(const char *name) {
	return proc_address ? proc_address(name) : nullptr;
}

GDExtensionObjectPtr singleton(const char *name) {
	auto get = reinterpret_cast<GDExtensionInterfaceGlobalGetSingleton>(lookup("global_get_singleton"));
	if (!get) {
		return nullptr;
	}
	gd::StringName n(name);
	return get(n.ptr());
}

} // namespace gdwrtc::editor
