# One player of `make demo`: joins a lobby of the Java lobby (make lobby) through WebRTCLobbyClient,
# greets every other player with @rpc calls and exits 0 once it heard all, all heard it, and the
# lobby was sealed. The player without --lobby creates the lobby and seals it once all joined.
#   --impl builtin: Godot's own WebRTCMultiplayerPeer (its connections are still
#   WebRTCPeerConnectionJava), to show that the two interoperate.
# Usage: godot --headless --path . -s res://lobby_player.gd -- --url ws://127.0.0.1:9080 --name Ada --peers 3 [--lobby NAME] [--impl builtin]
extends SceneTree

const Args = preload("res://args.gd")
const LobbyClient = preload("res://addons/webrtc_java/lobby_client.gd") # class_name WebRTCLobbyClient

var lobby: LobbyClient
var chat: Node
var my_name := "player"
var expected := 2
var joined_peers := 0
var round_complete := false
var was_sealed := false
var started := Time.get_ticks_msec()
var exit_at := -1


func _initialize() -> void:
	var args := Args.parse()
	my_name = args.get("name", "player")
	expected = int(args.get("peers", "2"))
	chat = preload("res://chat.gd").new()
	chat.name = "Chat"
	root.add_child(chat)
	chat.start_round(my_name, expected, get_multiplayer())
	chat.complete.connect(func() -> void:
		round_complete = true
		_maybe_exit())
	lobby = LobbyClient.new()
	lobby.use_builtin_peer = args.get("impl", "java") == "builtin"
	root.add_child(lobby)
	lobby.joined.connect(_on_joined)
	lobby.peer_joined.connect(_on_peer_joined)
	lobby.peer_left.connect(func(id): print("%s: peer %d left the lobby" % [my_name, id]))
	lobby.sealed.connect(_on_sealed)
	lobby.failed.connect(func(reason): _fail("lobby: " + reason))
	lobby.join(args.get("url", "ws://127.0.0.1:9080"), args.get("lobby", ""), true, {"iceServers": []})


func _on_joined(lobby_name: String, my_id: int) -> void:
	get_multiplayer().multiplayer_peer = lobby.multiplayer_peer
	print("%s: joined lobby %s as peer %d (%s)" % [my_name, lobby_name, my_id, lobby.multiplayer_peer.get_class()])


func _on_peer_joined(id: int) -> void:
	joined_peers += 1
	if lobby.my_id == 1 and joined_peers == expected - 1:
		print("%s: everyone is here, sealing the lobby" % my_name)
		lobby.seal()


func _on_sealed() -> void:
	print("%s: the lobby is sealed" % my_name)
	was_sealed = true
	_maybe_exit()


func _maybe_exit() -> void:
	if round_complete and was_sealed and exit_at < 0:
		print("%s: ok, heard %d peers" % [my_name, chat.heard_from.size()])
		exit_at = Time.get_ticks_msec() + 300 # let the last packets leave


func _fail(why: String) -> void:
	printerr("%s: FAILED: %s" % [my_name, why])
	quit(1)


func _process(_delta: float) -> bool:
	if exit_at > 0 and Time.get_ticks_msec() >= exit_at:
		get_multiplayer().multiplayer_peer = null
		lobby.leave()
		quit(0)
	elif Time.get_ticks_msec() - started > 45000:
		_fail("timed out: heard %s, finished %s, sealed %s" % [chat.heard_from.keys(), chat.finished_by.keys(), was_sealed])
	return false
