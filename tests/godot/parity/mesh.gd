# A full mesh of four peers (A..D, ids 1..4): fair round-robin reading across peers, broadcast
# with an exclusion, replacing a connected peer in place, a peer
# leaving with close() and coming back with fresh connections, and disconnect_peer in a mesh.
extends "res://parity/rig.gd"

const RELIABLE := MultiplayerPeer.TRANSFER_MODE_RELIABLE
const ORDERED := MultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED
const UNRELIABLE := MultiplayerPeer.TRANSFER_MODE_UNRELIABLE
const IDS := {"A": 1, "B": 2, "C": 3, "D": 4}


func run() -> void:
	for name in IDS:
		make(name)
		code("%s.create_mesh(%d)" % [name, IDS[name]], peers[name].create_mesh(IDS[name]))
		status(name)
	t("-- connecting pair by pair")
	for pair in [["A", "B"], ["A", "C"], ["A", "D"], ["B", "C"], ["B", "D"], ["C", "D"]]:
		await connect_pair(pair[0], pair[1])
	for name in IDS:
		peer_map(name)
	await round_robin()
	await exclusion()
	await replacement()
	await leave_and_return()
	t("-- B.disconnect_peer(4)")
	peers["B"].disconnect_peer(4)
	await until_signals({"B": ["peer_disconnected 4"], "D": ["peer_disconnected 2"]})
	for name in IDS:
		status(name)
		t("%s: get_peers keys=%s" % [name, peers[name].get_peers().keys()])


func connect_pair(a: String, b: String) -> void:
	join(a, IDS[a], b, IDS[b])
	await until_signals({a: ["peer_connected %d" % IDS[b]], b: ["peer_connected %d" % IDS[a]]})


func round_robin() -> void:
	t("-- B, C and D each send A four packets: A reads one per peer in turn")
	hold(["A"])
	for name in ["B", "C", "D"]:
		var n: String = name.to_lower()
		send(name, 1, RELIABLE, 0, n + " reliable 1")
		send(name, 1, RELIABLE, 0, n + " reliable 2")
		send(name, 1, ORDERED, 0, n + " ordered")
		send(name, 1, UNRELIABLE, 0, n + " unreliable")
	await read("A", 12)


func exclusion() -> void:
	t("-- A to all but C, then to C alone on the same reliable channel")
	hold(["B", "C", "D"])
	send("A", -3, RELIABLE, 0, "not for C")
	send("A", 3, RELIABLE, 0, "for C")
	await read("B", 1)
	await read("C", 1) # had "not for C" been sent to C, it would come first
	await read("D", 1)


## Packets waiting in channel `index` of peers[...]'s connection to `id`.
func queued(mp, id: int, index: int) -> int:
	return mp.get_peer(id)["channels"][index].get_available_packet_count()


## `sender` sends A one packet in `mode`; once it sits in A's channel, one poll of A selects it
## for reading. A stays unpolled until the caller reads.
func selected_at_a(sender: String, mode: int, text: String) -> void:
	var a = peers["A"]
	hold(["A"])
	send(sender, 1, mode, 0, text)
	var index: int = {RELIABLE: 0, ORDERED: 1, UNRELIABLE: 2}[mode]
	await until(func() -> bool: return queued(a, IDS[sender], index) == 1, "%s's packet at A" % sender)
	a.poll()


## add_peer() with an id already in the map replaces that peer where it stands, without a signal;
## the packet selected for reading came from the replaced connection.
func replacement() -> void:
	t("-- A replaces connected peer C with a fresh connection while C's packet is selected")
	var a = peers["A"]
	await selected_at_a("C", RELIABLE, "pending from C")
	t("A: next peer=%d" % a.get_packet_peer())
	var pair := linked_pair()
	code("A.add_peer(fresh pc, 3)", a.add_peer(pair[0], 3))
	flush("A")
	t("A: keys=%s has_peer(3)=%s connected=%s next peer=%d available=%d" % [
			a.get_peers().keys(), a.has_peer(3), a.get_peer(3)["connected"], a.get_packet_peer(),
			a.get_available_packet_count()])
	t("A: get_packet=%s error=%s next peer=%d" % [a.get_packet(), err_name(a.get_packet_error()), a.get_packet_peer()])
	polling["A"] = true
	# C sees A's old channels close, then takes the fresh connection too.
	await until_signals({"C": ["peer_disconnected 1"]})
	code("C.add_peer(fresh pc, 1)", peers["C"].add_peer(pair[1], 1))
	pair[0].create_offer()
	await until_signals({"A": ["peer_connected 3"], "C": ["peer_connected 1"]})
	hold(["A"])
	send("C", 1, RELIABLE, 0, "C again")
	await read("A", 1)


func leave_and_return() -> void:
	t("-- B.close(): the others see B leave")
	peers["B"].close()
	flush("B")
	status("B")
	await until_signals({"A": ["peer_disconnected 2"], "C": ["peer_disconnected 2"], "D": ["peer_disconnected 2"]})
	t("-- B comes back with fresh connections")
	code("B.create_mesh(2)", peers["B"].create_mesh(2))
	for other in ["A", "C", "D"]:
		await connect_pair(other, "B")
	for name in IDS:
		t("%s: get_peers keys=%s" % [name, peers[name].get_peers().keys()])
	hold(["A", "C", "D"])
	send("B", 0, ORDERED, 0, "B is back")
	await read("A", 1)
	await read("C", 1)
	await read("D", 1)
