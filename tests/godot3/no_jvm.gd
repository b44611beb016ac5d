# Run with no Java to be found: the library says why once, Godot 3 runs on, and a connection
# answers errors instead of crashing. Exits 0.
extends SceneTree


func _initialize():
	var pc = WebRTCPeerConnection.new()
	var err = pc.create_offer()
	print("no_jvm: script=%s create_offer=%d" % [pc.get_script(), err])
	quit(0 if pc.get_script() == null and err == ERR_UNCONFIGURED else 1)
