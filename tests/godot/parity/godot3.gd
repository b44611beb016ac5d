# Godot 3's form of the class: `initialize(peer_id, server_compatibility = false)` and the signals
# `connection_succeeded` / `server_disconnected` of Godot 3's WebRTCMultiplayer. Only
# WebRTCMultiplayerPeerJava has it (Godot 4's WebRTCMultiplayerPeer has no initialize), so there
# is no built-in transcript to compare with: ParityTest checks this one against godot3.expected,
# written by hand from Godot 3's documentation of the class.
#
# P2 also runs under Godot 4's SceneMultiplayer, whose signals are recorded in P2's own timeline
# (prefixed "api."), to show when a Godot 4 game sees the server: SceneMultiplayer emits
# connected_to_server when the peer reports peer_connected(1), which the compatibility mode
# emits right before connection_succeeded.
extends "res://parity/rig.gd"

var api := SceneMultiplayer.new() # held here: a signal connection does not keep it alive


func run() -> void:
	if impl != "java":
		await fail("godot3 runs with --impl java only")
	t("WebRTCMultiplayerPeer has initialize: %s" % ClassDB.class_has_method("WebRTCMultiplayerPeer", "initialize"))
	for sig in ["connection_succeeded", "server_disconnected"]:
		t("WebRTCMultiplayerPeerJava has signal %s: %s" % [sig, ClassDB.class_has_signal("WebRTCMultiplayerPeerJava", sig)])
	var x = make("X")
	code("X.initialize(0)", x.initialize(0))
	code("X.initialize(-1, true)", x.initialize(-1, true))
	status("X")
	await without_compatibility()
	await with_compatibility()


func without_compatibility() -> void:
	t("-- initialize(peer_id): a mesh, connected at once; connection_succeeded is never emitted")
	make("M5")
	make("M1")
	code("M5.initialize(5)", peers["M5"].initialize(5))
	code("M1.initialize(1)", peers["M1"].initialize(1))
	status("M5")
	status("M1")
	join("M5", 5, "M1", 1)
	await until_signals({"M5": ["peer_connected 1"], "M1": ["peer_connected 5"]})
	peers["M1"].close()
	await until_signals({"M5": ["peer_disconnected 1"]})
	status("M5")
	for name in ["X", "M5", "M1"]:
		retire(name)


func with_compatibility() -> void:
	t("-- initialize(peer_id, true): peer_connected held back until peer 1 connects")
	for id in [1, 2, 3]:
		make("P%d" % id)
		code("P%d.initialize(%d, true)" % [id, id], peers["P%d" % id].initialize(id, true))
		status("P%d" % id)
	attach_scene_multiplayer("P2")

	t("-- P2 and P3 connect to each other before the server")
	join("P2", 2, "P3", 3)
	var both := func() -> bool: return peers["P2"].get_peer(3)["connected"] and peers["P3"].get_peer(2)["connected"]
	await until(both, "P2 and P3 connected")
	flush_all()
	status("P2")
	status("P3")

	t("-- the server reaches P2")
	join("P1", 1, "P2", 2)
	await until_signals({"P1": ["peer_connected 2"], "P2": ["connection_succeeded", "peer_connected 3"]})
	status("P2")
	status("P3") # still waiting for the server

	t("-- the server reaches P3")
	join("P1", 1, "P3", 3)
	await until_signals({"P1": ["peer_connected 3"], "P3": ["connection_succeeded", "peer_connected 2"]})
	status("P3")

	t("-- P4 meets P2 first (announced there at once), the server later")
	await meet_before_the_server("P4", 4, "P2", 2)
	join("P1", 1, "P4", 4)
	await until_signals({"P1": ["peer_connected 4"], "P4": ["connection_succeeded", "peer_connected 2"]})

	t("-- P2 removes the server: server_disconnected, and P2 stays CONNECTED to the mesh")
	peers["P2"].remove_peer(1)
	flush("P2")
	status("P2")
	await until_signals({"P1": ["peer_disconnected 2"]})
	hold(["P3"])
	send("P2", 3, MultiplayerPeer.TRANSFER_MODE_RELIABLE, 0, "P2 to P3 without a server")
	await read("P3", 1)

	t("-- the server closes: P3 and P4 see it leave")
	peers["P1"].close()
	await until_signals({"P3": ["peer_disconnected 1", "server_disconnected"], "P4": ["peer_disconnected 1", "server_disconnected"]})
	status("P3")
	status("P4")

	t("-- a peer that never met the server leaves without signals of its own")
	await meet_before_the_server("P5", 5, "P3", 3)
	peers["P5"].remove_peer(3)
	flush("P5")
	status("P5")
	await until_signals({"P3": ["peer_disconnected 5"]})


## A new compatibility peer `name` connects to `other`, which already met the server: `other`
## announces it at once, while `name` holds `other` back (no signal, still CONNECTING).
func meet_before_the_server(name: String, id: int, other: String, other_id: int) -> void:
	make(name)
	code("%s.initialize(%d, true)" % [name, id], peers[name].initialize(id, true))
	join(other, other_id, name, id)
	await until_signals({other: ["peer_connected %d" % id]})
	var held := func() -> bool: return peers[name].get_peer(other_id)["connected"]
	await until(held, "%s connected to %s" % [name, other])
	flush(name)
	status(name)


## Puts peers[name] under a SceneMultiplayer of its own (polled each frame by step()'s peer poll
## as well as by the API itself), recording the API's signals in the peer's timeline.
func attach_scene_multiplayer(name: String) -> void:
	record_signals(api, name, "api.")
	api.multiplayer_peer = peers[name]
	tree.process_frame.connect(api.poll)
