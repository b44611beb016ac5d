# Runs one parity scenario (res://parity/<name>.gd) against one implementation and prints its
# transcript ("T| " lines). ParityTest runs each scenario with both and compares.
# Usage: godot --headless --path . -s res://parity.gd -- --impl builtin|java --scenario NAME
extends SceneTree

const Args = preload("res://args.gd")


## Godot's error lines join the transcript where they happen, so that where each class prints an
## error is compared too. Only that one is printed: the texts differ (Godot's quote its C++
## conditions; ours say what was wrong), and file and line are each implementation's own.
class ErrorLines extends Logger:
	func _log_error(_function: String, _file: String, _line: int, code: String, rationale: String,
			_editor_notify: bool, error_type: int, _script_backtraces: Array[ScriptBacktrace]) -> void:
		if error_type != ERROR_TYPE_WARNING:
			print("T| ERROR")
			print("parity: error: ", rationale if not rationale.is_empty() else code)

	func _log_message(_message: String, _error: bool) -> void:
		pass


func _initialize() -> void:
	var args := Args.parse()
	var impl: String = args.get("impl", "")
	var path := "res://parity/%s.gd" % args.get("scenario", "")
	if impl not in ["builtin", "java"] or not ResourceLoader.exists(path):
		printerr("parity: usage: -- --impl builtin|java --scenario NAME (got %s)" % [args])
		quit(2)
		return
	OS.add_logger(ErrorLines.new())
	# Frames as fast as possible would starve the WebRTC threads of a small machine.
	Engine.max_fps = 240
	var script: GDScript = load(path)
	if script == null or not script.can_instantiate():
		printerr("parity: cannot load ", path)
		quit(2)
		return
	var scenario = script.new()
	scenario.setup(self, impl)
	# For ParityTest: which class this run really exercised.
	print("parity: multiplayer peer class ", scenario.new_peer().get_class())
	_run(scenario)


func _run(scenario) -> void:
	scenario.t("scenario %s" % scenario.get_script().resource_path.get_file().get_basename())
	await scenario.run()
	scenario.t("end")
	quit(0)
