# One player: joins the lobby, connects through a WebRTC multiplayer peer, sends @rpc hellos to
# every other player and exits 0 once it heard all and all heard it.
#   --mode mesh: everyone connects to everyone (create_mesh).
#   --mode star: peer 1 is the server (create_server), the others clients (create_client) that
#     connect only to it; their hellos to each other are relayed by the server's SceneMultiplayer.
#   --impl java: WebRTCMultiplayerPeerJava; --impl builtin: Godot's own WebRTCMultiplayerPeer
#     (whose connections are WebRTCPeerConnectionJava too), to prove the two interoperate.
# Usage: godot --headless --path . -s res://peer.gd -- --port 9080 --name Ada --peers 2 [--mode star] [--impl builtin]
extends SceneTree

const Args = preload("res://args.gd")

var lobby := StreamPeerTCP.new()
var mesh: MultiplayerPeer
var mode := "mesh"
var connections := {} # peer id -> WebRTCPeerConnection
var chat: Node
var my_name := "peer"
var expected := 2
var heard := {} # peer id -> text
var finished := {} # peer id -> true
var said_done := false
var started := Time.get_ticks_msec()
var timeout_ms := 30000 # -- --timeout SECONDS: more for slow (e.g. emulated) machines
var exit_at := -1


func _initialize() -> void:
	var args := Args.parse()
	my_name = args.get("name", "peer")
	expected = int(args.get("peers", "2"))
	timeout_ms = int(args.get("timeout", "30")) * 1000
	mode = args.get("mode", "mesh")
	var impl: String = args.get("impl", "java")
	mesh = WebRTCMultiplayerPeer.new() if impl == "builtin" else WebRTCMultiplayerPeerJava.new()
	chat = preload("res://chat.gd").new()
	chat.name = "Chat"
	root.add_child(chat)
	chat.heard.connect(_on_heard)
	chat.done.connect(_on_done)
	get_multiplayer().peer_connected.connect(_on_peer_connected)
	get_multiplayer().peer_disconnected.connect(func(id): print("%s: peer %d left" % [my_name, id]))
	var err := lobby.connect_to_host("127.0.0.1", int(args.get("port", "9080")))
	if err != OK:
		_fail("cannot reach the lobby (error %d)" % err)


func _new_connection(peer_id: int) -> WebRTCPeerConnection:
	var pc := WebRTCPeerConnection.new()
	pc.initialize({"iceServers": []})
	pc.session_description_created.connect(func(type: String, sdp: String) -> void:
		pc.set_local_description(type, sdp)
		lobby.put_var({"type": type, "to": peer_id, "sdp": sdp}))
	pc.ice_candidate_created.connect(func(media: String, index: int, cand: String) -> void:
		lobby.put_var({"type": "candidate", "to": peer_id, "media": media, "index": index, "name": cand}))
	var err: int = mesh.add_peer(pc, peer_id)
	if err != OK:
		_fail("add_peer(%d) failed: %d" % [peer_id, err])
	connections[peer_id] = pc
	return pc


func _on_signal(msg: Dictionary) -> void:
	match msg["type"]:
		"welcome":
			var id: int = msg["id"]
			var err: int
			if mode == "mesh":
				err = mesh.create_mesh(id)
			elif id == 1:
				err = mesh.create_server()
			else:
				err = mesh.create_client(id)
			if err != OK:
				_fail("create (%s) failed: %d" % [mode, err])
				return
			get_multiplayer().multiplayer_peer = mesh
			print("%s: I am peer %d (%s, %s)" % [my_name, id, mode, mesh.get_class()])
			for other in msg["peers"]:
				if mode == "mesh" or other == 1:
					_new_connection(other).create_offer()
		"offer":
			_new_connection(msg["from"]).set_remote_description("offer", msg["sdp"])
		"answer":
			connections[msg["from"]].set_remote_description("answer", msg["sdp"])
		"candidate":
			connections[msg["from"]].add_ice_candidate(msg["media"], msg["index"], msg["name"])


func _on_peer_connected(id: int) -> void:
	print("%s: connected to peer %d" % [my_name, id])
	chat.rpc_id(id, "hear", "hello from %s" % my_name)


func _on_heard(from: int, text: String) -> void:
	print("%s: peer %d says '%s'" % [my_name, from, text])
	heard[from] = text
	if heard.size() == expected - 1 and not said_done:
		said_done = true
		chat.rpc("finished")
		_maybe_exit()


func _on_done(from: int) -> void:
	finished[from] = true
	_maybe_exit()


func _maybe_exit() -> void:
	if said_done and finished.size() == expected - 1 and exit_at < 0:
		print("%s: ok, heard %d peers" % [my_name, heard.size()])
		exit_at = Time.get_ticks_msec() + 300 # let the last packets leave


func _fail(why: String) -> void:
	printerr("%s: FAILED: %s" % [my_name, why])
	quit(1)


func _process(_delta: float) -> bool:
	lobby.poll()
	while lobby.get_status() == StreamPeerTCP.STATUS_CONNECTED and lobby.get_available_bytes() > 0:
		_on_signal(lobby.get_var())
	if exit_at > 0 and Time.get_ticks_msec() >= exit_at:
		get_multiplayer().multiplayer_peer = null
		mesh.close()
		lobby.disconnect_from_host()
		quit(0)
	elif Time.get_ticks_msec() - started > timeout_ms:
		_fail("timed out: heard %s, finished %s, mesh status %d" % [heard.keys(), finished.keys(), mesh.get_connection_status()])
	return false
