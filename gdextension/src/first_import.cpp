// Godot 4.6 aborts the first headless `--import` (or any short headless editor run) of a project in
// which a GDExtension is new: the editor's first scan loads the extension mid-run and then emits
// GDExtensionManager's `extensions_reloaded`, on which EditorNode regenerates the class reference on
// a worker thread. That thread ends with a deferred EditorHelp::_gen_extensions_docs(); when the run
// quits first, EditorNode's destructor joins the thread and frees the documentation, and the
// deferred call then runs in Main::cleanup's last message-queue flush on the freed (null) data:
// SIGSEGV, then SIGABRT from the crash handler, exit 134. Any extension triggers it (docs/editor.md
// has the reproduction with a minimal one); a project whose .godot/extension_list.cfg already lists
// the extension loads it at start-up and never takes this path.
//
// So, only when the headless editor loads us mid-run, the manager's signals stay blocked until our
// editor level ends: the one `extensions_reloaded` of this scan is not emitted, and nothing
// regenerates documentation that a headless run never shows. The scripts are still reloaded (the
// manager defers that call itself) and the list file is still written, so the next run loads us at
// start-up as usual. A windowed editor is left alone: it runs long past the regeneration.
#include "editor_level.h"
#include "godot.h"

namespace gdwrtc::editor {

namespace {

// Hashes of the engine methods called here (extension_api.json of Godot 4.4+).
constexpr GDExtensionInt HASH_ENGINE_GET_MAIN_LOOP = 1016888095;
constexpr GDExtensionInt HASH_ENGINE_IS_EDITOR_HINT = 36873697;
constexpr GDExtensionInt HASH_DISPLAY_SERVER_GET_NAME = 201670096;
constexpr GDExtensionInt HASH_OBJECT_SET_BLOCK_SIGNALS = 2586408642;
constexpr GDExtensionInt HASH_OBJECT_IS_BLOCKING_SIGNALS = 36873697;

GDExtensionObjectPtr blocked_manager = nullptr;

GDExtensionMethodBindPtr bind_of(const char *cls, const char *method, GDExtensionInt hash) {
	gd::StringName c(cls), m(method);
	return gd::api.classdb_get_method_bind(c.ptr(), m.ptr(), hash);
}

bool call_bool(GDExtensionObjectPtr object, const char *cls, const char *method, GDExtensionInt hash) {
	GDExtensionMethodBindPtr mb = bind_of(cls, method, hash);
	GDExtensionBool r = false;
	if (mb && object) {
		gd::api.object_method_bind_ptrcall(mb, object, nullptr, &r);
	}
	return r;
}

void set_block_signals(GDExtensionObjectPtr object, bool block) {
	GDExtensionMethodBindPtr mb = bind_of("Object", "set_block_signals", HASH_OBJECT_SET_BLOCK_SIGNALS);
	GDExtensionBool b = block;
	const GDExtensionConstTypePtr args[1] = { &b };
	if (mb && object) {
		gd::api.object_method_bind_ptrcall(mb, object, args, nullptr);
	}
}

// Loaded mid-run: a main loop exists already (at start-up extensions initialize before it does).
bool loaded_mid_run(GDExtensionObjectPtr engine) {
	GDExtensionMethodBindPtr mb = bind_of("Engine", "get_main_loop", HASH_ENGINE_GET_MAIN_LOOP);
	GDExtensionObjectPtr loop = nullptr;
	if (mb && engine) {
		gd::api.object_method_bind_ptrcall(mb, engine, nullptr, &loop);
	}
	return loop != nullptr;
}

bool headless() {
	GDExtensionObjectPtr ds = singleton("DisplayServer");
	GDExtensionMethodBindPtr mb = bind_of("DisplayServer", "get_name", HASH_DISPLAY_SERVER_GET_NAME);
	if (!ds || !mb) {
		return false;
	}
	gd::String name;
	gd::api.object_method_bind_ptrcall(mb, ds, nullptr, name.ptr());
	return gd::String::utf8(name.ptr()) == "headless";
}

} // namespace

bool guard_first_import() {
	GDExtensionObjectPtr engine = singleton("Engine");
	if (!call_bool(engine, "Engine", "is_editor_hint", HASH_ENGINE_IS_EDITOR_HINT) || !loaded_mid_run(engine) || !headless()) {
		return false;
	}
	GDExtensionObjectPtr manager = singleton("GDExtensionManager");
	if (manager && !call_bool(manager, "Object", "is_blocking_signals", HASH_OBJECT_IS_BLOCKING_SIGNALS)) {
		set_block_signals(manager, true);
		blocked_manager = manager;
	}
	return true;
}

void end_first_import_guard() {
	if (blocked_manager) {
		set_block_signals(blocked_manager, false);
		blocked_manager = nullptr;
	}
}

} // namespace gdwrtc::editor
