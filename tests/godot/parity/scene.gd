# The multiplayer peers under Godot's SceneMultiplayer, as games use them: a server (S) and two
# clients (B, C), each with its own SceneMultiplayer on its own branch of the tree. Covers the
# API's signals (connected_to_server, peer_connected through the server's relay, server_disconnected),
# RPCs between clients relayed by the server (is_server_relay_supported), and RPCs on an extra
# channel.
extends "res://parity/rig.gd"

const IDS := {"S": 1, "B": 2, "C": 3}

var apis := {} # name -> SceneMultiplayer
var games := {} # name -> game.gd node


func run() -> void:
	# The scenario polls the APIs itself, in a fixed order.
	tree.multiplayer_poll = false
	await tree.process_frame # nodes get paths once the tree runs
	for name in IDS:
		var mp = make(name)
		var branch := Node.new()
		branch.name = name
		tree.root.add_child(branch)
		var game: Node = preload("res://parity/game.gd").new()
		game.name = "Game"
		branch.add_child(game)
		games[name] = game
		var api := SceneMultiplayer.new()
		tree.set_multiplayer(api, branch.get_path())
		apis[name] = api
		events[name + ".api"] = []
		record_signals(api, name + ".api")
		var err: int = mp.create_server([MultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED]) if name == "S" \
				else mp.create_client(IDS[name], [MultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED])
		code("%s.create_*" % name, err)
		polling[name] = false # its SceneMultiplayer polls it
		api.multiplayer_peer = mp
	tree.process_frame.connect(poll_apis)

	t("-- B joins, then C")
	join("S", 1, "B", 2)
	await until_signals({"S.api": ["peer_connected 2"], "B.api": ["connected_to_server", "peer_connected 1"]})
	join("S", 1, "C", 3)
	# The server tells each client about the other (relay), so no direct connection is needed.
	await until_signals({"S.api": ["peer_connected 3"], "B.api": ["peer_connected 3"],
			"C.api": ["connected_to_server", "peer_connected 1", "peer_connected 2"]})
	for name in IDS:
		t("%s.api: unique_id=%d peers=%s server_relay=%s" % [
				name, apis[name].get_unique_id(), sorted(apis[name].get_peers()), apis[name].server_relay])

	t("-- RPCs, client to client through the server")
	games["B"].rpc_id(3, "hear", "B to C")
	games["C"].rpc("hear", "C to all")
	games["S"].rpc_id(2, "hear_on_channel", "S to B")
	games["B"].rpc_id(1, "hear_on_channel", "B to S")
	await until_heard({"S": 2, "B": 2, "C": 1})

	t("-- C closes its peer; the server tells B")
	peers["C"].close()
	await until_signals({"C.api": ["server_disconnected"], "S.api": ["peer_disconnected 3"], "B.api": ["peer_disconnected 3"]})
	t("-- the server closes; B is disconnected")
	peers["S"].close()
	await until_signals({"B.api": ["peer_disconnected 1", "server_disconnected"]})
	for name in IDS:
		status(name)
	# The tree holds the APIs (and through them the peers) until it is told otherwise.
	tree.process_frame.disconnect(poll_apis)
	for name in IDS:
		tree.set_multiplayer(null, games[name].get_parent().get_path())
		games[name].get_parent().free()


func poll_apis() -> void:
	for name in apis:
		apis[name].poll()


func until_heard(counts: Dictionary) -> void:
	var done := func() -> bool:
		for name in counts:
			if games[name].heard.size() < counts[name]:
				return false
		return true
	await until(done, "RPCs %s" % [counts])
	for name in IDS:
		# Calls from different senders may arrive in either order.
		t("%s heard: %s" % [name, sorted(games[name].heard)])


func sorted(list) -> Array:
	var out := Array(list)
	out.sort()
	return out
