# tests/godot/parity/godot3.gd (the Godot 3 form of our Godot 4 class) played in Godot 3 itself:
# Godot 3's own WebRTCMultiplayer over our connections, linked in one process and polled by hand.
# It prints the same transcript lines ("T| "); Godot3Test compares them with godot3.expected and
# pins each difference, where Godot 3's code is the judge, in godot3.engine.diff.
# Waits are on states the engine must reach, not on signals the documentation promises.
extends SceneTree

const TIMEOUT_MSEC = 20000
const ERRORS = {1: "Failed", 2: "Unavailable", 3: "Unconfigured", 4: "Unauthorized", 31: "Invalid parameter"}

var peers = {} # name -> WebRTCMultiplayer; polled in this order
var events = {} # name -> signals received since the last flush
var polling = {}
var connections = []
var api = MultiplayerAPI.new() # Godot 3's MultiplayerAPI, on P2 (as SceneMultiplayer in godot3.gd)
var api_on = false


func _initialize():
	Engine.target_fps = 240 # frames as fast as possible would starve the WebRTC threads
	print("parity: multiplayer peer class ", WebRTCMultiplayer.new().get_class())
	run()


func t(line):
	print("T| ", line)


func b(value):
	return "true" if value else "false"


func fail(why):
	printerr("parity: FAILED: ", why)
	quit(1)


func err_name(err):
	return "OK" if err == OK else "%d (%s)" % [err, ERRORS.get(err, "?")]


func code(label, err):
	t("%s -> %s" % [label, err_name(err)])


func make(name):
	var mp = WebRTCMultiplayer.new()
	peers[name] = mp
	events[name] = []
	polling[name] = true
	record_signals(mp, name, "", {"peer_connected": "peer_connected", "peer_disconnected": "peer_disconnected",
			"connection_succeeded": "connection_succeeded", "server_disconnected": "server_disconnected"})
	return mp


# Records `source`'s signals under `name`, by the names godot3.gd records them.
func record_signals(source, name, prefix, names):
	for sig in names:
		if sig.begins_with("peer_") or sig.begins_with("network_peer_"):
			source.connect(sig, self, "_record_id", [name, prefix + names[sig]])
		else:
			source.connect(sig, self, "_record", [name, prefix + names[sig]])


func _record_id(id, name, what):
	_record(name, "%s %d" % [what, id])


func _record(name, what):
	print("   [", name, "] ", what)
	events[name].append(what)


func retire(name):
	peers.erase(name)
	events.erase(name)
	polling.erase(name)


func flush(name):
	var list = PoolStringArray(events[name])
	t("%s signals: %s" % [name, list.join(", ") if list.size() > 0 else "none"])
	events[name] = []


func flush_all():
	for name in events:
		flush(name)


func linked_pair():
	var a = WebRTCPeerConnection.new()
	var c = WebRTCPeerConnection.new()
	connections.append(a)
	connections.append(c)
	a.connect("session_description_created", a, "set_local_description")
	a.connect("session_description_created", c, "set_remote_description")
	c.connect("session_description_created", c, "set_local_description")
	c.connect("session_description_created", a, "set_remote_description")
	a.connect("ice_candidate_created", c, "add_ice_candidate")
	c.connect("ice_candidate_created", a, "add_ice_candidate")
	return [a, c]


func join(a, a_id, other, other_id):
	var pair = linked_pair()
	code("%s.add_peer(pc, %d)" % [a, other_id], peers[a].add_peer(pair[0], other_id))
	code("%s.add_peer(pc, %d)" % [other, a_id], peers[other].add_peer(pair[1], a_id))
	pair[0].create_offer()


func status(name):
	var mp = peers[name]
	# Godot 3 has no relay and no transfer channels: its answer is always what these print.
	t("%s: status=%d unique_id=%d relay=false refusing=%s mode=%d channel=0" % [
			name, mp.get_connection_status(), mp.get_unique_id(), b(mp.refuse_new_connections), mp.transfer_mode])


func step():
	yield(self, "idle_frame")
	for pc in connections:
		if pc.get_connection_state() != WebRTCPeerConnection.STATE_CLOSED:
			pc.poll()
	for name in peers:
		if polling[name]:
			peers[name].poll()
	if api_on:
		api.poll()


# Steps until callv(method, args) holds. A frame without a poll changes nothing, so a condition
# already true costs one such frame (a coroutine must yield once).
func until(method, args, what):
	var deadline = OS.get_ticks_msec() + TIMEOUT_MSEC
	if callv(method, args):
		yield(self, "idle_frame")
		return
	while not callv(method, args):
		if OS.get_ticks_msec() > deadline:
			fail("timed out waiting for " + what)
			yield(create_timer(3600), "timeout")
		yield(step(), "completed")


func arrived(expected):
	for name in expected:
		for sig in expected[name]:
			if not events[name].has(sig):
				return false
	return true


func until_signals(expected):
	yield(until("arrived", [expected], "signals %s" % [expected]), "completed")
	flush_all()


func connected(a, a_id, other, other_id):
	return peers[a].has_peer(other_id) and peers[a].get_peer(other_id)["connected"] and \
			peers[other].has_peer(a_id) and peers[other].get_peer(a_id)["connected"]


func gone(name, id):
	return not peers[name].has_peer(id)


func run():
	t("scenario godot3")
	t("WebRTCMultiplayer has initialize: %s" % b(ClassDB.class_has_method("WebRTCMultiplayer", "initialize")))
	for sig in ["connection_succeeded", "server_disconnected"]:
		t("WebRTCMultiplayer has signal %s: %s" % [sig, b(ClassDB.class_has_signal("WebRTCMultiplayer", sig))])
	var x = make("X")
	code("X.initialize(0)", x.initialize(0))
	code("X.initialize(-1, true)", x.initialize(-1, true))
	status("X")
	yield(without_compatibility(), "completed")
	yield(with_compatibility(), "completed")
	t("end")
	quit(0)


func without_compatibility():
	t("-- initialize(peer_id): a mesh, connected at once; connection_succeeded is never emitted")
	make("M5")
	make("M1")
	code("M5.initialize(5)", peers["M5"].initialize(5))
	code("M1.initialize(1)", peers["M1"].initialize(1))
	status("M5")
	status("M1")
	join("M5", 5, "M1", 1)
	yield(until_signals({"M5": ["peer_connected 1"], "M1": ["peer_connected 5"]}), "completed")
	peers["M1"].close()
	yield(until_signals({"M5": ["peer_disconnected 1"]}), "completed")
	status("M5")
	for name in ["X", "M5", "M1"]:
		retire(name)


func with_compatibility():
	t("-- initialize(peer_id, true): peer_connected held back until peer 1 connects")
	for id in [1, 2, 3]:
		make("P%d" % id)
		code("P%d.initialize(%d, true)" % [id, id], peers["P%d" % id].initialize(id, true))
		status("P%d" % id)
	record_signals(api, "P2", "api.", {"network_peer_connected": "peer_connected", "network_peer_disconnected": "peer_disconnected",
			"connected_to_server": "connected_to_server", "server_disconnected": "server_disconnected",
			"connection_failed": "connection_failed"})
	api.root_node = root
	api.network_peer = peers["P2"]
	api_on = true

	t("-- P2 and P3 connect to each other before the server")
	join("P2", 2, "P3", 3)
	yield(until("connected", ["P2", 2, "P3", 3], "P2 and P3 connected"), "completed")
	flush_all()
	status("P2")
	status("P3")

	t("-- the server reaches P2")
	join("P1", 1, "P2", 2)
	yield(until_signals({"P1": ["peer_connected 2"], "P2": ["connection_succeeded", "peer_connected 3"]}), "completed")
	status("P2")
	status("P3")

	t("-- the server reaches P3")
	join("P1", 1, "P3", 3)
	yield(until_signals({"P1": ["peer_connected 3"], "P3": ["connection_succeeded", "peer_connected 2"]}), "completed")
	status("P3")

	t("-- P4 meets P2 first (announced there at once), the server later")
	yield(meet_before_the_server("P4", 4, "P2", 2), "completed")
	join("P1", 1, "P4", 4)
	yield(until_signals({"P1": ["peer_connected 4"], "P4": ["connection_succeeded", "peer_connected 2"]}), "completed")

	t("-- P2 removes the server: server_disconnected, and P2 stays CONNECTED to the mesh")
	peers["P2"].remove_peer(1)
	flush("P2")
	status("P2")
	yield(until_signals({"P1": ["peer_disconnected 2"]}), "completed")
	polling["P3"] = false
	var mp = peers["P2"]
	mp.set_target_peer(3)
	mp.transfer_mode = NetworkedMultiplayerPeer.TRANSFER_MODE_RELIABLE
	var err = mp.put_packet("P2 to P3 without a server".to_utf8())
	code("P2.put_packet('P2 to P3 without a server') target=3 mode=2 channel=0", err)
	polling["P3"] = true
	if err == OK:
		yield(until("has_packet", ["P3"], "a packet at P3"), "completed")
		var p3 = peers["P3"]
		t("P3: available=%d next: peer=%d" % [p3.get_available_packet_count(), p3.get_packet_peer()])
		t("P3: packet from=%d '%s'" % [p3.get_packet_peer(), p3.get_packet().get_string_from_utf8()])

	t("-- the server closes: P3 and P4 see it leave")
	peers["P1"].close()
	yield(until_signals({"P3": ["peer_disconnected 1", "server_disconnected"], "P4": ["peer_disconnected 1", "server_disconnected"]}), "completed")
	status("P3")
	status("P4")

	t("-- a peer that never met the server leaves without signals of its own")
	yield(meet_before_the_server("P5", 5, "P3", 3), "completed")
	peers["P5"].remove_peer(3)
	flush("P5")
	status("P5")
	yield(until("gone", ["P3", 5], "P3 to see P5 go"), "completed")
	flush_all()


func has_packet(name):
	return peers[name].get_available_packet_count() > 0


# A new compatibility peer connects to `other`, which already met the server.
func meet_before_the_server(name, id, other, other_id):
	make(name)
	code("%s.initialize(%d, true)" % [name, id], peers[name].initialize(id, true))
	join(other, other_id, name, id)
	yield(until("connected", [other, other_id, name, id], "%s and %s connected" % [other, name]), "completed")
	flush_all()
	flush(name)
	status(name)
