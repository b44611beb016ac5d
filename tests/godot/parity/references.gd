# Godot frees a removed peer's channels by reference counting: a channel a script still holds
# (from get_peer) stays open after remove_peer or disconnect_peer(id, true), and closes when the
# script lets go. The channel objects get_peer returns are the same on every call.
extends "res://parity/rig.gd"


func run() -> void:
	make("S")
	make("B")
	make("C")
	code("S.create_server()", peers["S"].create_server())
	code("B.create_client(2)", peers["B"].create_client(2))
	code("C.create_client(3)", peers["C"].create_client(3))
	var to_b := join("S", 1, "B", 2)
	await until_signals({"S": ["peer_connected 2"], "B": ["peer_connected 1"]})
	join("S", 1, "C", 3)
	await until_signals({"S": ["peer_connected 3"], "C": ["peer_connected 1"]})
	await removed_while_held("B", 2, func() -> void: peers["S"].remove_peer(2))
	t("S: the connection to B is left as it was: state=%d" % to_b[0].get_connection_state())
	await removed_while_held("C", 3, func() -> void: peers["S"].disconnect_peer(3, true))


func removed_while_held(name: String, id: int, remove: Callable) -> void:
	var s = peers["S"]
	var kept: Dictionary = s.get_peer(id)
	var again: Dictionary = s.get_peer(id)
	t("-- S drops %s while holding its channels" % name)
	t("S: get_peer returns the same channel objects each time: %s" % [
			kept["channels"].all(func(ch) -> bool: return again["channels"].has(ch))])
	again = {}
	remove.call()
	flush("S")
	t("S: has_peer(%d)=%s held channel states=%s" % [
			id, s.has_peer(id), kept["channels"].map(func(ch) -> int: return ch.get_ready_state())])
	hold([name])
	code("S: put_packet on the held reliable channel", kept["channels"][0].put_packet("still open".to_utf8_buffer()))
	await read(name, 1)
	flush(name)
	t("-- S lets go of the channels")
	kept = {}
	await until_signals({name: ["peer_disconnected 1"]})
	status(name)
