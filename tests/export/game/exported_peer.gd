# The exported game's main loop. Without arguments for a session it is an offline game: it says
# whether multiplayer is available, makes one connection object (which must answer, never crash,
# even when the extension could not start) and quits with 0 after a few frames. With
# `-- --port P --name N --peers K` it becomes demo/peer.gd: a player that exchanges @rpc
# calls with the others through the lobby; with `-- --unconfigured`, unconfigured.gd.
class_name ExportedPeer
extends SceneTree

var frames := 0


func _initialize() -> void:
	var args := OS.get_cmdline_user_args()
	for mode in [["--port", "res://peer.gd"], ["--unconfigured", "res://unconfigured.gd"]]:
		if args.has(mode[0]):
			set_script(load(mode[1]))
			call("_initialize")
			return
	# The classes are registered also when WebRTC (Java) could not start; then their objects
	# answer as unconfigured ones, as Godot's do: a game asks as it would Godot's classes.
	var pc := WebRTCPeerConnection.new()
	var answer := pc.initialize({})
	print("game: multiplayer available: ", answer == OK)
	print("game: initialize answered ", answer)


func _process(_delta: float) -> bool:
	frames += 1
	if frames == 30:
		print("game: still running after %d frames" % frames)
		quit(0)
	return false
