# Signal handlers acting on the multiplayer peer whose poll (or call) emits them, where Godot's
# class behaves soundly: a removed peer's channels stay alive until its peer_disconnected handlers
# returned (Godot holds the removed entry while it emits), and handlers that add a departing id
# back with a fresh connection, two peers lost in one poll, get both back. What handlers do where
# Godot's class goes wrong is in handlers_ours.gd.
extends "res://parity/rig.gd"

var s # the server-like mesh peer (id 1) the handlers act on
var alive_in_handler := {} # peer id -> a weakref to one of its channels, read by the handler


func run() -> void:
	s = make("S")
	code("S.create_mesh(1)", s.create_mesh(1))
	s.peer_disconnected.connect(_report_channel)
	await connect_fresh()
	t("-- S.remove_peer(2): its channels during peer_disconnected")
	watch(2)
	s.remove_peer(2)
	flush("S")
	await until_signals({"B": ["peer_disconnected 1"]})
	t("-- C leaves: S's poll removes 3; its channels during peer_disconnected")
	watch(3)
	peers["C"].close()
	await until_signals({"S": ["peer_disconnected 3"]})
	t("S: get_peers keys=%s" % [s.get_peers().keys()])
	for name in ["B", "C"]:
		retire(name)
	await both_lost_and_added_back()


## Fresh mesh peers B (2) and C (3), connected to S.
func connect_fresh() -> void:
	await connect_new("S", "B", 2)
	await connect_new("S", "C", 3)


## The next peer_disconnected(id) at S says whether this channel of `id` still lives then.
func watch(id: int) -> void:
	alive_in_handler[id] = weakref(s.get_peer(id)["channels"][0])


func _report_channel(id: int) -> void:
	if alive_in_handler.has(id):
		var ch = alive_in_handler[id].get_ref()
		t("S handler peer_disconnected %d: has_peer=%s channel alive=%s" % [id, s.has_peer(id), ch != null])
		alive_in_handler.erase(id)


## B and C leave while S is unpolled, so that one poll removes both; S's handler adds each id back
## with a fresh connection to a new peer under the same id (D as 2, E as 3): both connect.
func both_lost_and_added_back() -> void:
	await connect_fresh()
	t("-- B and C leave; one poll of S removes both; its handler adds each id back")
	polling["S"] = false
	peers["B"].close()
	peers["C"].close()
	await until(func() -> bool: return channels_gone(2) and channels_gone(3), "S's channels to B and C closed")
	for name in ["B", "C"]:
		retire(name)
	code("D.create_mesh(2)", make("D").create_mesh(2))
	code("E.create_mesh(3)", make("E").create_mesh(3))
	var readd := func(id: int) -> void:
		var other: String = {2: "D", 3: "E"}[id]
		t("S handler peer_disconnected %d: adding %d back" % [id, id])
		join("S", 1, other, id)
	s.peer_disconnected.connect(readd)
	s.poll()
	flush("S")
	s.peer_disconnected.disconnect(readd)
	t("S: get_peers keys=%s" % [s.get_peers().keys()])
	# S unpolled until both are open, so that one poll announces both, in map order.
	await until_channels_open("S", 2)
	await until_channels_open("S", 3)
	s.poll()
	polling["S"] = true
	await until_signals({"S": ["peer_connected 2", "peer_connected 3"], "D": ["peer_connected 1"], "E": ["peer_connected 1"]})
	hold(["S"])
	send("D", 1, MultiplayerPeer.TRANSFER_MODE_RELIABLE, 0, "D as 2")
	send("E", 1, MultiplayerPeer.TRANSFER_MODE_RELIABLE, 0, "E as 3")
	await read("S", 2)


## Whether some channel of S's entry for `id` is no longer open (the next poll removes it).
func channels_gone(id: int) -> bool:
	for ch in s.get_peer(id)["channels"]:
		if ch.get_ready_state() != WebRTCDataChannel.STATE_OPEN:
			return true
	return false
