# One of two players in a mesh (through demo/lobby.gd) that checks get_stats()/get_peer_stats()
# and restart_ice(): counters grow, the selected pair is described, then each side restarts ICE
# once (peer 2, the first offerer, then peer 1) through the lobby's signalling, while a reliable
# RPC stream flows both ways; every tick must arrive, in order, and no peer may be dropped.
#   --impl java: WebRTCMultiplayerPeerJava; --impl builtin: Godot's WebRTCMultiplayerPeer over our
#   connections. --ice '<JSON>': initialize()'s configuration. --restart no: skip the restarts.
# Prints "STATS <JSON>" with the last sample and "<name>: ok" when everything held.
extends SceneTree

const Args = preload("res://args.gd")
const TYPES := ["host", "srflx", "prflx", "relay"]

var lobby := StreamPeerTCP.new()
var mesh: MultiplayerPeer
var impl := "java"
var my_name := "peer"
var my_id := 0
var other := 0
var pc: WebRTCPeerConnection
var config := {}
var do_restart := true
var node: Node
var started := Time.get_ticks_msec()
var connected_at := -1
var sent := 0
var received := 0
var dropped := false
var first_ufrag := ""
var restart_ufrags := []
var restarted_at := -1
var phase := "connecting"
var baseline := {}
var exit_at := -1
var peer_done := false
var restart_called := false
var received_at_restart := 0
var last_tick := 0
var check_monitors := false
var restart_offer_at := -1


class Ticker extends Node:
	signal tick(n: int)
	signal done()

	@rpc("any_peer", "call_remote", "reliable")
	func on_tick(n: int) -> void:
		tick.emit(n)

	@rpc("any_peer", "call_remote", "reliable")
	func on_done() -> void:
		done.emit()


func _initialize() -> void:
	var args := Args.parse()
	my_name = args.get("name", "peer")
	impl = args.get("impl", "java")
	do_restart = args.get("restart", "yes") != "no"
	if args.get("monitors", "no") == "yes":
		# As the addon's plugin adds it: the autoload that feeds the debugger's Monitors tab.
		var monitors: Node = load("res://addons/webrtc_java/network_monitors.gd").new()
		monitors.name = "WebRTCJavaMonitors"
		root.add_child(monitors)
		print("%s: debugger active: %s" % [my_name, EngineDebugger.is_active()])
		check_monitors = true
	if args.has("ice"):
		config = JSON.parse_string(args["ice"])
	mesh = WebRTCMultiplayerPeer.new() if impl == "builtin" else WebRTCMultiplayerPeerJava.new()
	node = Ticker.new()
	node.name = "Ticker"
	root.add_child(node)
	node.tick.connect(_on_tick)
	node.done.connect(func(): peer_done = true)
	get_multiplayer().peer_connected.connect(func(id): print("%s: connected to %d" % [my_name, id]))
	get_multiplayer().peer_disconnected.connect(func(id):
		dropped = true
		printerr("%s: peer %d was dropped" % [my_name, id]))
	if lobby.connect_to_host("127.0.0.1", int(args.get("port", "9080"))) != OK:
		_fail("cannot reach the lobby")


func _ufrag(sdp: String) -> String:
	for line in sdp.split("\n"):
		if line.begins_with("a=ice-ufrag:"):
			return line.strip_edges()
	return ""


func _new_connection(peer_id: int) -> WebRTCPeerConnection:
	other = peer_id
	pc = WebRTCPeerConnection.new()
	if pc.initialize(config) != OK:
		_fail("initialize failed")
	pc.session_description_created.connect(func(type: String, sdp: String) -> void:
		if first_ufrag == "":
			first_ufrag = _ufrag(sdp)
		elif type == "offer":
			restart_ufrags.append(_ufrag(sdp))
		pc.set_local_description(type, sdp)
		lobby.put_var({"type": type, "to": peer_id, "sdp": sdp}))
	pc.ice_candidate_created.connect(func(media: String, index: int, cand: String) -> void:
		lobby.put_var({"type": "candidate", "to": peer_id, "media": media, "index": index, "name": cand}))
	if mesh.add_peer(pc, peer_id) != OK:
		_fail("add_peer failed")
	return pc


func _on_signal(msg: Dictionary) -> void:
	match msg["type"]:
		"welcome":
			my_id = msg["id"]
			mesh.create_mesh(my_id)
			get_multiplayer().multiplayer_peer = mesh
			print("%s: I am peer %d (%s)" % [my_name, my_id, mesh.get_class()])
			for o in msg["peers"]:
				_new_connection(o).create_offer()
		"offer":
			if pc == null:
				_new_connection(msg["from"])
			elif first_ufrag != "":
				print("%s: restart offer from peer %d" % [my_name, msg["from"]])
				if restart_offer_at < 0:
					restart_offer_at = Time.get_ticks_msec()
			pc.set_remote_description("offer", msg["sdp"])
		"answer":
			pc.set_remote_description("answer", msg["sdp"])
		"candidate":
			pc.add_ice_candidate(msg["media"], msg["index"], msg["name"])


func _on_tick(n: int) -> void:
	if n != received:
		_fail("tick %d arrived when %d was due" % [n, received])
	received += 1


func _stats() -> Dictionary:
	# Both ways of asking must agree on the connection; the multiplayer peer's way only on ours.
	var s: Dictionary = pc.get_stats()
	if impl == "java":
		var via_peer: Dictionary = mesh.get_peer_stats(other)
		if via_peer.get("bytes_sent", -1) < s.get("bytes_sent", 0) and via_peer.get("age", -1.0) >= 0.0:
			_fail("get_peer_stats is older than get_stats: %s vs %s" % [via_peer, s])
	return s


func _check_sample(s: Dictionary) -> String:
	for key in ["round_trip_time", "bytes_sent", "bytes_received", "packets_sent", "packets_received",
			"local_candidate_type", "remote_candidate_type", "protocol", "data_channels", "age", "ice_restarts"]:
		if not s.has(key):
			return "no '%s' in %s" % [key, s]
	if typeof(s["round_trip_time"]) != TYPE_FLOAT or typeof(s["bytes_sent"]) != TYPE_INT or typeof(s["local_candidate_type"]) != TYPE_STRING:
		return "wrong types in %s" % s
	if not s["local_candidate_type"] in TYPES or not s["remote_candidate_type"] in TYPES:
		return "unknown candidate types in %s" % s
	if s["protocol"] != "udp" and s["protocol"] != "tcp":
		return "unknown protocol in %s" % s
	if s["round_trip_time"] < 0.0 or s["round_trip_time"] > 1.0:
		return "implausible round trip in %s" % s
	if s["age"] < 0.0 or s["age"] > 3.0:
		return "stale sample in %s" % s
	var channels: Array = s["data_channels"]
	if channels.size() < 2:
		return "expected the mesh's channels in %s" % s
	for c in channels:
		for key in ["label", "id", "messages_sent", "bytes_sent", "messages_received", "bytes_received", "buffered_amount"]:
			if not c.has(key):
				return "no '%s' in channel %s" % [key, c]
	return ""


func _process(_delta: float) -> bool:
	lobby.poll()
	while lobby.get_status() == StreamPeerTCP.STATUS_CONNECTED and lobby.get_available_bytes() > 0:
		_on_signal(lobby.get_var())
	var now := Time.get_ticks_msec()
	if exit_at > 0:
		if now >= exit_at:
			get_multiplayer().multiplayer_peer = null
			mesh.close()
			lobby.disconnect_from_host()
			quit(0)
		return false
	if now - started > 50000:
		_fail("timed out in phase %s (sent %d, received %d, stats %s)" % [phase, sent, received, pc.get_stats() if pc else {}])
		return false
	if dropped:
		_fail("the peer was dropped in phase %s" % phase)
		return false
	if other == 0 or not mesh.has_peer(other) or pc.get_connection_state() != WebRTCPeerConnection.STATE_CONNECTED:
		return false
	if connected_at < 0:
		if get_multiplayer().get_peers().has(other):
			connected_at = now
		return false
	if now - last_tick >= 10: # a steady reliable stream, not one RPC per headless frame
		last_tick = now
		node.rpc_id(other, "on_tick", sent)
		sent += 1
	var s := _stats()
	match phase:
		"connecting":
			if s["age"] >= 0.0 and s["bytes_sent"] > 0:
				var why := _check_sample(s)
				if why != "":
					_fail(why)
					return false
				baseline = s.duplicate(true)
				phase = "growing"
		"growing":
			if now - connected_at > 2500 and s["bytes_sent"] > baseline["bytes_sent"]:
				var why := _check_sample(s)
				if why != "":
					_fail(why)
					return false
				if s["bytes_received"] <= baseline["bytes_received"] or s["packets_sent"] <= baseline["packets_sent"] \
						or s["packets_received"] <= baseline["packets_received"]:
					_fail("counters did not grow: %s then %s" % [baseline, s])
					return false
				var msgs := 0
				for c in s["data_channels"]:
					msgs += c["messages_sent"]
				if msgs == 0:
					_fail("no channel counted a message: %s" % s)
					return false
				print("%s: stats grew: %s" % [my_name, JSON.stringify(s)])
				phase = "restart" if do_restart else "finish"
				restarted_at = now
		"restart":
			# Peer 2 (the first offerer) restarts first, peer 1 three seconds after that offer
			# reached it, so the two restart offers never cross.
			var my_turn := restarted_at + 500 if my_id == 2 else (restart_offer_at + 3000 if restart_offer_at > 0 else now + 1)
			if not restart_called and now >= my_turn:
				restart_called = true
				var err: int = pc.restart_ice()
				if err != OK:
					_fail("restart_ice() failed: %d" % err)
					return false
				print("%s: restart_ice() OK" % my_name)
			if s["ice_restarts"] >= 1 and restart_called and now > restarted_at + 7000 and received > 0:
				if restart_ufrags.is_empty() or restart_ufrags[0] == first_ufrag:
					_fail("the restart offer kept the ICE credentials: %s vs %s" % [first_ufrag, restart_ufrags])
					return false
				baseline = s.duplicate(true)
				received_at_restart = received
				phase = "after_restart"
		"after_restart":
			if s["bytes_received"] > baseline["bytes_received"] and received > received_at_restart:
				var why := _check_sample(s)
				if why != "":
					_fail("after restart: " + why)
					return false
				print("%s: traffic after the restarts: sent %d, received %d" % [my_name, sent, received])
				phase = "finish"
		"finish":
			if check_monitors:
				var prefix := "WebRTC/peer %d " % other
				for name in ["round trip (ms)", "sent (kB/s)", "received (kB/s)"]:
					if not Performance.has_custom_monitor(prefix + name):
						_fail("no monitor '%s'" % (prefix + name))
						return false
				var rtt: float = Performance.get_custom_monitor(prefix + "round trip (ms)")
				var up: float = Performance.get_custom_monitor(prefix + "sent (kB/s)")
				var down: float = Performance.get_custom_monitor(prefix + "received (kB/s)")
				print("%s: monitors: round trip %.3f ms, sent %.2f kB/s, received %.2f kB/s" % [my_name, rtt, up, down])
				if rtt < 0.0 or rtt > 1000.0 or up <= 0.0 or down <= 0.0:
					_fail("implausible monitors")
					return false
			print("STATS " + JSON.stringify(s))
			node.rpc_id(other, "on_done")
			phase = "done"
		"done":
			if peer_done:
				print("%s: ok (%s), %d ticks sent, %d received in order" % [my_name, mesh.get_class(), sent, received])
				exit_at = now + 500
	return false


func _fail(why: String) -> void:
	printerr("%s: FAILED: %s" % [my_name, why])
	quit(1)
