# Every method without a working connection: what a fresh object answers, the argument ranges
# and refusals of create_*/add_peer, channels_config, the peer map (order, replacement, removal,
# dictionaries), disconnect_peer and close(). Connections are added but never negotiated, so
# nothing here depends on the network.
extends "res://parity/rig.gd"


func run() -> void:
	await fresh_object()
	await create_arguments()
	await channels_config()
	await add_peer_refusals()
	await peer_map_order()
	await removal()
	await sending_before_connected()
	await close_and_reuse()


func fresh_object() -> void:
	t("-- a fresh object")
	var mp = make("A")
	status("A") # get_unique_id() answers 1 while disconnected
	t("A: has_peer(2)=%s get_peer(2)=%s get_peers=%s available=%d packet peer=%d channel=%d mode=%d" % [
			mp.has_peer(2), mp.get_peer(2), mp.get_peers(), mp.get_available_packet_count(),
			mp.get_packet_peer(), mp.get_packet_channel(), mp.get_packet_mode()])
	code("A.put_packet before create", mp.put_packet(PackedByteArray([1])))
	code("A.put_var before create", mp.put_var(5))
	t("A.get_packet=%s error=%s" % [mp.get_packet(), err_name(mp.get_packet_error())])
	t("A: get_peer(0)=%s get_peer(-1)=%s has_peer(0)=%s has_peer(-1)=%s generate_unique_id in 2..2147483647: %s" % [
			mp.get_peer(0), mp.get_peer(-1), mp.has_peer(0), mp.has_peer(-1),
			mp.generate_unique_id() >= 2 and mp.generate_unique_id() <= 2147483647])
	code("A.add_peer before create", mp.add_peer(connection(), 2))
	# The mode is checked before the connection itself.
	code("A.add_peer(null) before create", mp.add_peer(null, 2))
	mp.poll()
	mp.remove_peer(2)
	mp.disconnect_peer(2)
	mp.disconnect_peer(2, true)
	mp.close()
	status("A")
	flush("A")


func create_arguments() -> void:
	t("-- create_* ids")
	var mp = make("B")
	for id in [1, 0, -1, 2, 2147483647, 2147483648, 4294967298, -2147483648]:
		code("B.create_client(%d)" % id, mp.create_client(id))
		status("B")
	for id in [0, -7, 1, 2147483647, 2147483648, 4294967297]:
		code("B.create_mesh(%d)" % id, mp.create_mesh(id))
		status("B")
	code("B.create_server()", mp.create_server())
	status("B")
	# A failed create_* leaves the previous mode in place.
	code("B.create_mesh(0) on a server", mp.create_mesh(0))
	code("B.create_client(1) on a server", mp.create_client(1))
	status("B")
	flush("B")


func channels_config() -> void:
	t("-- channels_config")
	var mp = make("C")
	var configs := [[], [0], [1], [2], [2, 1, 0, 0], [3], [-1], ["x"], [1.0], [true], [null], [[0]],
			[-2147483648], [4294967298], [0, "x"]]
	for cfg in configs:
		code("C.create_server(%s)" % [cfg], mp.create_server(cfg))
		code("C.create_mesh(3, %s)" % [cfg], mp.create_mesh(3, cfg))
		code("C.create_client(4, %s)" % [cfg], mp.create_client(4, cfg))
	status("C")
	# The channel list is reset before the entries are checked: the refused [0, "x"] above left
	# one extra (unreliable) channel configured on the client created before it.
	code("C.add_peer(pc, 1)", mp.add_peer(connection(), 1))
	describe("C", 1, mp.get_peer(1))
	var ok = make("D")
	code("D.create_mesh(7, [0, 1, 2])", ok.create_mesh(7, [0, 1, 2]))
	code("D.add_peer(pc, 1)", ok.add_peer(connection(), 1))
	code("D.add_peer(pc, 2, 250)", ok.add_peer(connection(), 2, 250))
	code("D.add_peer(pc, 3, 0)", ok.add_peer(connection(), 3, 0))
	peer_map("D")
	flush("C")
	flush("D")


func add_peer_refusals() -> void:
	t("-- add_peer refusals")
	var server = make("S")
	code("S.create_server()", server.create_server())
	code("S.add_peer(pc, 1)", server.add_peer(connection(), 1))
	code("S.add_peer(pc, 0)", server.add_peer(connection(), 0))
	code("S.add_peer(pc, -3)", server.add_peer(connection(), -3))
	code("S.add_peer(pc, 2147483648)", server.add_peer(connection(), 2147483648))
	code("S.add_peer(pc, 2, -1)", server.add_peer(connection(), 2, -1))
	code("S.add_peer(null, 2)", server.add_peer(null, 2))
	var closed := connection()
	closed.close()
	code("S.add_peer(closed pc, 2)", server.add_peer(closed, 2))
	server.refuse_new_connections = true
	status("S")
	code("S refusing: add_peer(pc, 2)", server.add_peer(connection(), 2))
	# Which refusal wins when several apply: Godot checks in a fixed order.
	code("S refusing: add_peer(null, 2)", server.add_peer(null, 2))
	code("S refusing: add_peer(pc, 1)", server.add_peer(connection(), 1))
	code("S refusing: add_peer(pc, 2, -1)", server.add_peer(connection(), 2, -1))
	server.refuse_new_connections = false
	code("S.add_peer(pc, 2147483647)", server.add_peer(connection(), 2147483647))
	code("S.add_peer(pc, 2)", server.add_peer(connection(), 2))

	var client = make("K")
	code("K.create_client(2)", client.create_client(2))
	status("K")
	code("K.add_peer(pc, 3)", client.add_peer(connection(), 3))
	code("K.add_peer(null, 3)", client.add_peer(null, 3))
	code("K.add_peer(null, 1)", client.add_peer(null, 1))
	client.refuse_new_connections = true
	code("K refusing: add_peer(pc, 1)", client.add_peer(connection(), 1))
	code("K refusing: add_peer(pc, 3)", client.add_peer(connection(), 3))
	client.refuse_new_connections = false
	code("K.add_peer(pc, 1)", client.add_peer(connection(), 1))
	peer_map("K")

	var mesh = make("M")
	code("M.create_mesh(5)", mesh.create_mesh(5))
	code("M.add_peer(pc, 1)", mesh.add_peer(connection(), 1))
	code("M.add_peer(pc, 5) (its own id)", mesh.add_peer(connection(), 5))
	t("M: get_peers keys=%s" % [mesh.get_peers().keys()])
	for name in ["S", "K", "M"]:
		flush(name)


func peer_map_order() -> void:
	t("-- peer map order")
	var mp = make("P")
	code("P.create_mesh(1)", mp.create_mesh(1))
	for id in [7, 3, 5, 10, 2]:
		code("P.add_peer(pc, %d)" % id, mp.add_peer(connection(), id))
	t("P: get_peers keys=%s" % [mp.get_peers().keys()])
	# Replacing an id keeps its place in the map and holds the new connection.
	var replacement := connection()
	code("P.add_peer(new pc, 3)", mp.add_peer(replacement, 3))
	t("P: get_peers keys=%s peer 3 holds the new connection=%s" % [
			mp.get_peers().keys(), mp.get_peer(3)["connection"] == replacement])
	mp.remove_peer(7)
	code("P.add_peer(pc, 7)", mp.add_peer(connection(), 7))
	t("P: get_peers keys=%s" % [mp.get_peers().keys()])
	peer_map("P")
	flush("P")


func removal() -> void:
	t("-- removal of peers that never connected")
	var mp = make("R")
	code("R.create_mesh(1)", mp.create_mesh(1))
	var pcs := {}
	for id in [2, 3, 4, 5]:
		pcs[id] = connection()
		code("R.add_peer(pc, %d)" % id, mp.add_peer(pcs[id], id))
	mp.remove_peer(2)
	mp.remove_peer(99)
	t("R: after remove_peer(2): keys=%s has_peer(2)=%s pc state=%d" % [
			mp.get_peers().keys(), mp.has_peer(2), pcs[2].get_connection_state()])
	mp.disconnect_peer(3, true)
	t("R: after disconnect_peer(3, true): keys=%s pc state=%d" % [mp.get_peers().keys(), pcs[3].get_connection_state()])
	# Without force the connection is closed and the peer leaves the map at the next poll.
	mp.disconnect_peer(4)
	t("R: after disconnect_peer(4): keys=%s pc state=%d" % [mp.get_peers().keys(), pcs[4].get_connection_state()])
	mp.poll()
	t("R: after poll: keys=%s" % [mp.get_peers().keys()])
	mp.disconnect_peer(99)
	flush("R") # none: these peers never connected


func sending_before_connected() -> void:
	t("-- sending before anything connected")
	var mp = make("W")
	code("W.create_mesh(1, [2])", mp.create_mesh(1, [2]))
	code("W.add_peer(pc, 2)", mp.add_peer(connection(), 2))
	code("W.add_peer(pc, 3)", mp.add_peer(connection(), 3))
	send("W", 0, MultiplayerPeer.TRANSFER_MODE_RELIABLE, 0, "broadcast")
	send("W", 2, MultiplayerPeer.TRANSFER_MODE_RELIABLE, 0, "to 2, channel not open")
	send("W", 2, MultiplayerPeer.TRANSFER_MODE_UNRELIABLE, 1, "to 2 on extra channel 1")
	send("W", 9, MultiplayerPeer.TRANSFER_MODE_RELIABLE, 0, "to unknown 9")
	send("W", 2, MultiplayerPeer.TRANSFER_MODE_RELIABLE, 2, "to 2 on missing channel 2")
	send("W", 0, MultiplayerPeer.TRANSFER_MODE_RELIABLE, 2, "broadcast on missing channel 2")
	send("W", -2, MultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED, 0, "all but 2")
	# A mode outside the enum is kept as set and sends on the reliable channel.
	send("W", 0, 7, 0, "mode 7")
	status("W")
	t("W.get_packet=%s error=%s available=%d" % [mp.get_packet(), err_name(mp.get_packet_error()), mp.get_available_packet_count()])
	flush("W")


func close_and_reuse() -> void:
	t("-- close() and reuse")
	var mp = make("Z")
	code("Z.create_server([1])", mp.create_server([1]))
	mp.transfer_mode = MultiplayerPeer.TRANSFER_MODE_UNRELIABLE
	mp.transfer_channel = 1
	mp.refuse_new_connections = true
	mp.refuse_new_connections = false
	var pc := connection()
	code("Z.add_peer(pc, 2)", mp.add_peer(pc, 2))
	mp.refuse_new_connections = true
	mp.close()
	# Transfer settings and refuse_new_connections are not part of what close() resets.
	status("Z")
	t("Z: get_peers=%s has_peer(2)=%s pc state=%d" % [mp.get_peers(), mp.has_peer(2), pc.get_connection_state()])
	code("Z.add_peer after close", mp.add_peer(connection(), 3))
	code("Z.put_packet after close", mp.put_packet(PackedByteArray([1])))
	mp.refuse_new_connections = false
	code("Z.create_mesh(4)", mp.create_mesh(4))
	code("Z.add_peer(pc, 2)", mp.add_peer(connection(), 2))
	peer_map("Z")
	# create_* again while peers are in the map keeps them.
	code("Z.create_client(6)", mp.create_client(6))
	status("Z")
	t("Z: get_peers keys=%s" % [mp.get_peers().keys()])
	mp.close()
	mp.close()
	status("Z")
	flush("Z")
