# Enabling the plugin adds the network monitors autoload (network_monitors.gd); disabling removes it.
@tool
extends EditorPlugin

const AUTOLOAD := "WebRTCJavaMonitors"


func _enable_plugin() -> void:
	add_autoload_singleton(AUTOLOAD, get_script().resource_path.get_base_dir().path_join("network_monitors.gd"))


func _disable_plugin() -> void:
	remove_autoload_singleton(AUTOLOAD)
