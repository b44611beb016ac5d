# The RPC node: each peer says hello to every other peer, then tells them it has heard everyone.
extends Node

signal heard(from: int, text: String)
signal done(from: int)


@rpc("any_peer", "call_remote", "reliable")
func hear(text: String) -> void:
	heard.emit(multiplayer.get_remote_sender_id(), text)


@rpc("any_peer", "call_remote", "reliable")
func finished() -> void:
	done.emit(multiplayer.get_remote_sender_id())


# The greeting round's bookkeeping, for a player that sets `expected` (lobby_player.gd): it says
# hello to each peer that connects, answers "finished" once it heard all, and emits `complete`
# once every other peer heard all too. (peer.gd keeps its own, through the two signals above.)
signal complete

var expected := 0 # players in the round, this one included; 0: no bookkeeping
var my_name := ""
var heard_from := {} # peer id -> text
var finished_by := {} # peer id -> true
var said_done := false


# api: the SceneTree's, passed in (this node's `multiplayer` is not set yet in _initialize()).
func start_round(player_name: String, players: int, api: MultiplayerAPI) -> void:
	my_name = player_name
	expected = players
	api.peer_connected.connect(func(id: int) -> void:
		print("%s: connected to peer %d" % [my_name, id])
		rpc_id(id, "hear", "hello from %s" % my_name))
	heard.connect(func(from: int, text: String) -> void:
		print("%s: peer %d says '%s'" % [my_name, from, text])
		heard_from[from] = text
		if heard_from.size() == expected - 1 and not said_done:
			said_done = true
			rpc("finished")
			_check())
	done.connect(func(from: int) -> void:
		finished_by[from] = true
		_check())


func _check() -> void:
	if said_done and finished_by.size() == expected - 1:
		complete.emit()
