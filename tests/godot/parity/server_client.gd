# A server (S, id 1) and two clients (B, id 2; C, id 3) with two extra channels (1 reliable,
# 2 unreliable): a client stays CONNECTING until every channel to the server is open, no packet
# surfaces before peer_connected, packets by mode, channel and target, and each way of leaving:
# disconnect_peer with and without force, remove_peer, close(), then coming back with a fresh
# connection.
extends "res://parity/rig.gd"

const EXTRA := [MultiplayerPeer.TRANSFER_MODE_RELIABLE, MultiplayerPeer.TRANSFER_MODE_UNRELIABLE]
const RELIABLE := MultiplayerPeer.TRANSFER_MODE_RELIABLE
const ORDERED := MultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED
const UNRELIABLE := MultiplayerPeer.TRANSFER_MODE_UNRELIABLE


func run() -> void:
	var server = make("S")
	make("B")
	make("C")
	code("S.create_server(%s)" % [EXTRA], server.create_server(EXTRA))
	code("B.create_client(2, %s)" % [EXTRA], peers["B"].create_client(2, EXTRA))
	code("C.create_client(3, %s)" % [EXTRA], peers["C"].create_client(3, EXTRA))
	for name in peers:
		status(name)
	await first_client()
	await second_client()
	await packets()
	await leaving()


## S and B are not polled while their connection comes up, so the state each shows right before
## its first poll with every channel open is fixed: the client still CONNECTING, the server
## holding B's packet in a channel but surfacing none.
func first_client() -> void:
	t("-- B connects; S and B unpolled until all their channels are open")
	polling["S"] = false
	polling["B"] = false
	join("S", 1, "B", 2)
	await until_channels_open("B", 1)
	await until_channels_open("S", 2)
	status("B")
	t("B: connected=%s S: connected=%s" % [peers["B"].get_peer(1)["connected"], peers["S"].get_peer(2)["connected"]])
	# The client may already send on an open channel while CONNECTING.
	send("B", 1, RELIABLE, 0, "early from B")
	var queued := func() -> bool: return peers["S"].get_peer(2)["channels"][0].get_available_packet_count() == 1
	await until(queued, "B's packet in S's reliable channel")
	var s = peers["S"]
	t("S before poll: available=%d packet peer=%d" % [s.get_available_packet_count(), s.get_packet_peer()])
	t("S before poll: get_packet=%s error=%s" % [s.get_packet(), err_name(s.get_packet_error())])
	s.poll()
	flush("S")
	t("S after poll: available=%d packet peer=%d connected=%s" % [
			s.get_available_packet_count(), s.get_packet_peer(), s.get_peer(2)["connected"]])
	peers["B"].poll()
	flush("B")
	status("B")
	polling["S"] = true
	polling["B"] = true
	await read("S", 1)


func second_client() -> void:
	t("-- C connects; refuse_new_connections only stops add_peer, not a peer already added")
	var pair := linked_pair()
	code("S.add_peer(pc, 3)", peers["S"].add_peer(pair[0], 3))
	peers["S"].refuse_new_connections = true
	code("S refusing: add_peer(pc, 4)", peers["S"].add_peer(connection(), 4))
	code("C.add_peer(pc, 1)", peers["C"].add_peer(pair[1], 1))
	pair[0].create_offer()
	await until_signals({"S": ["peer_connected 3"], "C": ["peer_connected 1"]})
	peers["S"].refuse_new_connections = false
	for name in peers:
		status(name)
		peer_map(name)


func packets() -> void:
	t("-- packets by mode, channel and target")
	hold(["S", "B", "C"])
	send("S", 0, RELIABLE, 0, "S to all, reliable")
	send("S", 2, ORDERED, 0, "S to B, unreliable ordered")
	send("S", 3, UNRELIABLE, 0, "S to C, unreliable")
	send("S", -2, RELIABLE, 1, "S to all but B, extra channel 1")
	send("S", 2, UNRELIABLE, 2, "S to B, extra channel 2")
	send("S", 2, RELIABLE, 3, "S to B, missing channel 3")
	send("S", -3, ORDERED, 3, "S to all but C, missing channel 3")
	send("B", 1, RELIABLE, 1, "B to S, extra channel 1")
	send("B", 3, RELIABLE, 0, "B to C (not a peer of B)")
	send("B", 0, ORDERED, 0, "B to all")
	send("B", -1, RELIABLE, 0, "B to all but S")
	send("C", 1, UNRELIABLE, 2, "C to S, extra channel 2")
	send("C", 1, RELIABLE, 0, "C to S, reliable")
	# A negative transfer channel counts back into the built-in ones, as in Godot: -1 is the
	# unreliable ordered channel, -2 the reliable one.
	send("S", 2, RELIABLE, -1, "S to B, transfer channel -1")
	send("S", 2, UNRELIABLE, -2, "S to B, transfer channel -2")
	await read("B", 5)
	await read("C", 3)
	# Both clients' packets are waiting: S reads one packet per peer in turn.
	await read("S", 4)

	# PacketPeer answers OK to an empty packet without sending it; 10000 bytes exceed the 1200 the
	# multiplayer peer reports as its maximum, yet go through (the data channel takes up to 256 KiB).
	t("-- an empty packet and one larger than get_max_packet_size")
	hold(["S"])
	send("B", 1, RELIABLE, 0, "")
	var big := PackedByteArray()
	big.resize(10000)
	for i in big.size():
		big[i] = i % 251
	peers["B"].transfer_channel = 0
	code("B.put_packet(10000 bytes)", peers["B"].put_packet(big))
	send("B", 1, RELIABLE, 0, "after the empty and the large one")
	await read("S", 2)
	# put_var/get_var go through the same packets.
	send("S", 2, RELIABLE, 0, "then a var")
	peers["S"].set_target_peer(2)
	code("S.put_var", peers["S"].put_var({"k": [1, 2]}))
	var b = peers["B"]
	polling["B"] = false
	var two := func() -> bool: return b.get_peer(1)["channels"][0].get_available_packet_count() == 2
	await until(two, "2 packets at B")
	b.poll()
	polling["B"] = true
	t("B: get_packet=%s get_var=%s" % [b.get_packet().get_string_from_utf8(), b.get_var()])


func leaving() -> void:
	var s = peers["S"]
	var b = peers["B"]
	var c = peers["C"]
	t("-- S.disconnect_peer(3): closed now, gone at S's next poll")
	s.disconnect_peer(3)
	t("S: has_peer(3)=%s" % s.has_peer(3))
	s.poll()
	t("S: has_peer(3)=%s" % s.has_peer(3))
	flush("S")
	await until_signals({"C": ["peer_disconnected 1"]})
	status("C")
	code("C.put_packet", c.put_packet(PackedByteArray([1])))

	t("-- B.disconnect_peer(1, true): gone at once, without a signal")
	b.disconnect_peer(1, true)
	status("B")
	t("B: has_peer(1)=%s" % b.has_peer(1))
	await until_signals({"S": ["peer_disconnected 2"]})
	t("S: get_peers keys=%s" % [s.get_peers().keys()])

	t("-- B and C come back with fresh connections")
	code("B.create_client(2)", b.create_client(2, EXTRA))
	code("C.create_client(3)", c.create_client(3, EXTRA))
	join("S", 1, "B", 2)
	await until_signals({"S": ["peer_connected 2"], "B": ["peer_connected 1"]})
	join("S", 1, "C", 3)
	await until_signals({"S": ["peer_connected 3"], "C": ["peer_connected 1"]})
	hold(["B", "C"])
	send("S", 0, RELIABLE, 1, "S to all again")
	await read("B", 1)
	await read("C", 1)

	t("-- B.remove_peer(1): signalled at once")
	b.remove_peer(1)
	flush("B")
	status("B")
	await until_signals({"S": ["peer_disconnected 2"]})

	t("-- S.close(): no signal at S, C sees the server leave")
	s.close()
	flush("S")
	status("S")
	await until_signals({"C": ["peer_disconnected 1"]})
	status("C")
