// The entry point Godot calls (entry_symbol in webrtc_java.gdextension): starts the JVM and
// registers the classes at the scene level, where Godot's own WebRTC classes live; at the editor
// level, gives the editor our class reference (docs.cpp) and guards a first import (first_import.cpp).
#include <dlfcn.h>

#include "classes.h"
#include "docs.h"

namespace {

bool registered = false;

std::string addon_dir() {
	// This library sits in <addon>/bin/; find it the way the loader did.
	Dl_info info;
	if (!dladdr(reinterpret_cast<void *>(&addon_dir), &info) || !info.dli_fname) {
		return ".";
	}
	std::string path = info.dli_fname;
	for (int up = 0; up < 2; up++) {
		size_t slash = path.rfind('/');
		path = slash == std::string::npos ? "." : path.substr(0, slash);
	}
	return path;
}

void initialize(void *, GDExtensionInitializationLevel level) {
	if (level == GDEXTENSION_INITIALIZATION_EDITOR) {
		// The editor's documentation may still be loading on a worker thread when a first import
		// meets us mid-run; a headless run shows no help, so it gets none.
		if (!gdwrtc::editor::guard_first_import() && registered) {
			gdwrtc::editor::load_docs();
		}
		return;
	}
	if (level != GDEXTENSION_INITIALIZATION_SCENE) {
		return;
	}
	std::string error;
	if (!gdwrtc::start_jvm(addon_dir(), &error)) {
		GD_ERROR("WebRTC (Java) is disabled: " + error);
		return;
	}
	gdwrtc::DataChannelJava::register_class();
	gdwrtc::PeerConnectionJava::register_class();
	gdwrtc::MultiplayerPeerJava::register_class();
	// WebRTCPeerConnection.new() now makes our class, so Godot's own WebRTCMultiplayerPeer works too.
	gd::call_static_set_default_extension("WebRTCPeerConnection", gdwrtc::PeerConnectionJava::CLASS);
	registered = true;
}

void deinitialize(void *, GDExtensionInitializationLevel level) {
	if (level == GDEXTENSION_INITIALIZATION_EDITOR) {
		gdwrtc::editor::end_first_import_guard();
		return;
	}
	if (level != GDEXTENSION_INITIALIZATION_SCENE || !registered) {
		return;
	}
	// No Java code may run while Godot tears the process down: it resets the SIGSEGV handler the
	// JVM needs. Close what scripts left open and end the core's threads first.
	gdwrtc::abi.gdwrtc_shutdown();
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
	r_initialization->minimum_initialization_level = GDEXTENSION_INITIALIZATION_SCENE;
	r_initialization->initialize = initialize;
	r_initialization->deinitialize = deinitialize;
	r_initialization->userdata = nullptr;
	return true;
}
