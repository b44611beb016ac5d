// Godot 3's entry points. The library is a singleton GDNativeLibrary (project setting
// gdnative/singletons): Godot loads it at startup and calls godot_gdnative_singleton, which starts
// the JVM and makes the library Godot's WebRTC implementation, so WebRTCPeerConnection.new() (and
// Godot 3's WebRTCMultiplayer) get a WebRTCPeerConnectionGDNative with our NativeScript on it.
#include "binding.h"

namespace {

bool registered = false;
std::string addon_dir = ".";

void unregistered() { registered = false; }

godot_error create_peer_connection(godot_object *obj) {
	if (!registered) {
		return GODOT_ERR_UNCONFIGURED;
	}
	return g3::attach_script(obj, gdwrtc::PeerConnection3::CLASS) ? GODOT_OK : GODOT_FAILED;
}

const godot_net_webrtc_library webrtc_library = {
	{ GODOT_NET_WEBRTC_API_MAJOR, GODOT_NET_WEBRTC_API_MINOR }, unregistered, create_peer_connection, nullptr
};

std::string parent(const std::string &path) {
	size_t slash = path.rfind('/');
	return slash == std::string::npos ? "." : path.substr(0, slash);
}

} // namespace

extern "C" GDN_EXPORT void godot_gdnative_init(godot_gdnative_init_options *options) {
	std::string error;
	if (!g3::load(options, &error)) {
		if (g3::api) {
			G3_ERROR("WebRTC (Java) is disabled: " + error);
		}
		return;
	}
	// The library sits in <addon>/bin/.
	addon_dir = parent(parent(g3::utf8(options->active_library_path)));
}

extern "C" GDN_EXPORT void godot_gdnative_singleton() {
	if (!g3::net || registered) {
		return;
	}
	std::string error;
	if (!gdwrtc::start_jvm(addon_dir, &error)) {
		G3_ERROR("WebRTC (Java) is disabled: " + error);
		return;
	}
	registered = true; // before: setting the library may call the previous one's unregistered()
	godot_error err = g3::net->godot_net_set_webrtc_library(&webrtc_library);
	if (err != GODOT_OK) {
		registered = false;
		G3_ERROR("Godot refused the WebRTC library (error " + std::to_string(err) + ").");
	}
}

extern "C" GDN_EXPORT void godot_nativescript_init(void *handle) {
	if (!g3::ns) {
		return;
	}
	g3::ns_handle = handle;
	gdwrtc::PeerConnection3::register_class();
	gdwrtc::DataChannel3::register_class();
	gdwrtc::register_stats_methods3();
}

extern "C" GDN_EXPORT void godot_gdnative_terminate(godot_gdnative_terminate_options *) {
	if (registered) {
		g3::net->godot_net_set_webrtc_library(nullptr);
	}
	// No Java code may run while Godot tears the process down: close what scripts left open and
	// end the core's threads first.
	if (gdwrtc::abi.gdwrtc_shutdown) {
		gdwrtc::abi.gdwrtc_shutdown();
	}
}
