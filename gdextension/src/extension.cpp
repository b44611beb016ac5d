// The entry point Godot calls (entry_symbol in webrtc_java.gdextension): starts the JVM at the core
// level and registers the classes at the scene level, where Godot's own WebRTC classes live (also
// after a failed start, see binding.h's call()); at the editor
// level, gives the editor our class reference (docs.cpp) and guards a first import (first_import.cpp).
#include "classes.h"
#include "docs.h"

namespace {

bool registered = false;

void report_start_failure(const std::string &error) {
	GD_ERROR("WebRTC (Java) is disabled: " + error);
}

bool jvm_starting = false;

void initialize(void *, GDExtensionInitializationLevel level) {
	if (level == GDEXTENSION_INITIALIZATION_CORE) {
		// The runtime, jars and jvm.cfg are checked here; the JVM itself starts on a thread of its
		// own, at the earliest level, so it boots while Godot sets up its servers and scene types
		// (a script's first connection then rarely waits; the classes' constructors do, if early).
		std::string error;
		jvm_starting = gdwrtc::start_jvm_async(gdwrtc::addon_dir_of(reinterpret_cast<void *>(&initialize)), report_start_failure, &error);
		if (!jvm_starting) {
			report_start_failure(error);
		}
		return;
	}
	if (level == GDEXTENSION_INITIALIZATION_EDITOR) {
		// The editor's documentation may still be loading on a worker thread when a first import
		// meets us mid-run; a headless run shows no help, so it gets none.
		if (!gdwrtc::editor::guard_first_import() && registered) {
			gdwrtc::editor::load_docs();
			gdwrtc::editor::follow_help_cache();
		}
		return;
	}
	if (level != GDEXTENSION_INITIALIZATION_SCENE) {
		return;
	}
	// Registered also when the start failed: scripts that name the classes still load, and every
	// object answers as an unconfigured one (ERR_UNCONFIGURED, the start error printed once).
	gdwrtc::DataChannelJava::register_class();
	gdwrtc::PeerConnectionJava::register_class();
	gdwrtc::MultiplayerPeerJava::register_class();
	gdwrtc::register_stats_methods();
	gdwrtc::register_voice_methods();
	// WebRTCPeerConnection.new() now makes our class, so Godot's own WebRTCMultiplayerPeer works too.
	gd::call_static_set_default_extension("WebRTCPeerConnection", gdwrtc::PeerConnectionJava::CLASS);
	registered = true;
}

void deinitialize(void *, GDExtensionInitializationLevel level) {
	if (level == GDEXTENSION_INITIALIZATION_EDITOR) {
		gdwrtc::editor::end_first_import_guard();
		return;
	}
	if (level == GDEXTENSION_INITIALIZATION_CORE && jvm_starting && !registered) {
		// Started, yet Godot quit before the scene level: end what the start made all the same.
		if (gdwrtc::wait_jvm()) {
			gdwrtc::abi.gdwrtc_shutdown();
		}
		jvm_starting = false;
		return;
	}
	if (level != GDEXTENSION_INITIALIZATION_SCENE || !registered) {
		return;
	}
	// No Java code may run while Godot tears the process down: it resets the SIGSEGV handler the
	// JVM needs. Close what scripts left open and end the core's threads first (a quit before
	// the JVM finished starting waits for it; a failed start has nothing to end).
	if (gdwrtc::wait_jvm()) {
		gdwrtc::abi.gdwrtc_shutdown();
	}
	for (const char *cls : { gdwrtc::MultiplayerPeerJava::CLASS, gdwrtc::PeerConnectionJava::CLASS, gdwrtc::DataChannelJava::CLASS }) {
		gd::StringName name(cls);
		gd::api.classdb_unregister_extension_class(gd::library, name.ptr());
	}
	registered = false;
}

} // namespace

extern "C" __attribute__((visibility("default"))) GDExtensionBool gdwrtc_library_init(
		GDExtensionInterfaceGetProcAddress get_proc_address, GDExtensionClassLibraryPtr library,
		GDExtensionInitialization *r_initialization) {
	if (!gd::load_interface(get_proc_address)) {
		return false; // older than the oldest Godot we support; Godot reports the failed init
	}
	gd::library = library;
	gdwrtc::editor::bind(get_proc_address);
	r_initialization->minimum_initialization_level = GDEXTENSION_INITIALIZATION_CORE;
	r_initialization->initialize = initialize;
	r_initialization->deinitialize = deinitialize;
	r_initialization->userdata = nullptr;
	return true;
}
