# The exported game's main loop. Without arguments for a session it is an offline game: it says
# whether multiplayer is available, makes one connection object (which must answer, never crash,
# even when the extension could not start) and quits with 0 after a few frames. With
# `-- --port P --name N --peers K` it becomes demo/peer.gd: a player that exchanges @rpc
# calls with the others through the lobby.
class_name ExportedPeer
extends SceneTree

var frames := 0


func _initialize() -> void:
	var available := ClassDB.class_exists("WebRTCMultiplayerPeerJava")
	if available and OS.get_cmdline_user_args().has("--port"):
		set_script(load("res://peer.gd"))
		call("_initialize")
		return
	print("game: multiplayer available: ", available)
	if available:
		var pc := WebRTCPeerConnection.new()
		print("game: initialize answered ", pc.initialize({}))


func _process(_delta: float) -> bool:
	frames += 1
	if frames == 30:
		print("game: still running after %d frames" % frames)
		quit(0)
	return false
