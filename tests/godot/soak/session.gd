# `make soak`, a game session (tests/src/test/java/dev/gdwrtc/tests/SessionSoakTest.java): one
# player of a 4-player mesh at 60 frames/s, signalled through the test's line lobby.
#   godot --headless --path . -s res://soak/session.gd -- --port P --slot S --impl java|builtin
#         --duration SECONDS --cycle SECONDS
# Slot 0 is the host (the first to join, id 1): it never leaves, sends the world sync (WORLD reliable
# calls in one frame) to every player that joins, and ends the session after --duration. Every
# --cycle seconds one other slot (1, 2, 3, 1, ... in turn) leaves and rejoins (a new id).
# Every frame each player sends each other one reliable call (numbered per pair: a gap or a repeat
# is a lost or reordered reliable RPC) and ENTITIES unreliable position calls.
# A player that leaves says so with the count it sent to each; each other player answers with the
# count it sent, so both ends check every pair's count before the connection goes.
# Prints "soak: rss <seconds> <kib>" every RSS_EVERY seconds, "soak: FAIL ..." for each broken
# promise, and "soak: done ..." with its totals before it quits.
extends SceneTree

const Args = preload("res://args.gd")
const Status = preload("res://proc_status.gd")
const Player = preload("res://soak/player.gd")
const WORLD := 20000
const ENTITIES := 8
const RSS_EVERY := 10.0
# A leaving player waits this long for every other player's count, and after the last
# goodbye this long before it closes (so its own goodbyes are delivered).
const GOODBYE_TIMEOUT_MSEC := 60000
const LINGER_MSEC := 3000
const REJOIN_AFTER_MSEC := 2000

var args := {}
var slot := 0
var impl := "java"
var port := 0
var duration_msec := 0
var cycle_msec := 0
var started_msec := 0
var next_rss := 0.0
var player: Node
var tcp: StreamPeerTCP
var pending := ""
var my_id := 0
var mp: MultiplayerPeer
var pcs := {} # peer id -> WebRTCPeerConnection
var state := "joining" # joining, playing, leaving, lingering, away, ending
var state_since := 0
var next_leave := 0


func _initialize() -> void:
	args = Args.parse()
	slot = int(args.get("slot", "0"))
	impl = args.get("impl", "java")
	port = int(args.get("port", "0"))
	duration_msec = int(float(args.get("duration", "600")) * 1000)
	cycle_msec = int(float(args.get("cycle", "60")) * 1000)
	Engine.max_fps = 60
	started_msec = Time.get_ticks_msec()
	# Slot s leaves at cycles s, s + 3, s + 6...: one leave per cycle, in turn.
	next_leave = slot * cycle_msec if slot > 0 else -1
	player = Player.new()
	player.name = "player"
	player.entities = ENTITIES
	root.add_child(player)
	_join()


func _join() -> void:
	tcp = StreamPeerTCP.new()
	pending = ""
	if tcp.connect_to_host("127.0.0.1", port) != OK:
		_fail("cannot reach the lobby")
	state = "joining"
	state_since = Time.get_ticks_msec()


func _fail(what: String) -> void:
	print("soak: FAIL %s" % what)


func _now() -> int:
	return Time.get_ticks_msec() - started_msec


func _lobby_send(to: int, msg: Dictionary) -> void:
	tcp.put_data(("%d %s\n" % [to, JSON.stringify(msg)]).to_utf8_buffer())


func _new_connection(id: int) -> WebRTCPeerConnection:
	var pc := WebRTCPeerConnection.new()
	pc.session_description_created.connect(func(type: String, sdp: String) -> void:
		pc.set_local_description(type, sdp)
		_lobby_send(id, {"type": type, "sdp": sdp}))
	pc.ice_candidate_created.connect(func(media: String, index: int, cname: String) -> void:
		_lobby_send(id, {"type": "candidate", "media": media, "index": index, "name": cname}))
	if mp.add_peer(pc, id) != OK:
		_fail("add_peer %d" % id)
	pcs[id] = pc
	return pc


func _on_lobby(from: int, msg: Dictionary) -> void:
	match msg["type"]:
		"welcome":
			my_id = int(msg["id"])
			mp = WebRTCMultiplayerPeer.new() if impl == "builtin" else WebRTCMultiplayerPeerJava.new()
			if mp.create_mesh(my_id) != OK:
				_fail("create_mesh")
			player.start(my_id, slot == 0, WORLD)
			get_multiplayer().multiplayer_peer = mp
			for id in msg["peers"]:
				_new_connection(int(id)).create_offer()
			print("soak: joined as %d (%s), %d peers there" % [my_id, impl, msg["peers"].size()])
			state = "playing"
		"offer":
			if state == "playing":
				_new_connection(from).set_remote_description("offer", msg["sdp"])
		"answer":
			if pcs.has(from):
				pcs[from].set_remote_description("answer", msg["sdp"])
		"candidate":
			if pcs.has(from):
				pcs[from].add_ice_candidate(msg["media"], int(msg["index"]), msg["name"])


func _poll_lobby() -> void:
	if tcp == null:
		return
	tcp.poll()
	if tcp.get_status() == StreamPeerTCP.STATUS_CONNECTED and tcp.get_available_bytes() > 0:
		pending += tcp.get_data(tcp.get_available_bytes())[1].get_string_from_utf8()
	while pending.find("\n") >= 0:
		var line := pending.substr(0, pending.find("\n"))
		pending = pending.substr(pending.find("\n") + 1)
		var space := line.find(" ")
		_on_lobby(int(line.substr(0, space)), JSON.parse_string(line.substr(space + 1)))


func _process(_delta: float) -> bool:
	var now := _now()
	if now >= next_rss * 1000:
		print("soak: rss %d %d" % [int(now / 1000.0), Status.kib("VmRSS")])
		next_rss += RSS_EVERY
	_poll_lobby()
	var since := Time.get_ticks_msec() - state_since
	match state:
		"playing":
			player.frame()
			if slot == 0 and now >= duration_msec:
				player.finish()
			if player.finished:
				_goodbye("ending")
			elif next_leave >= 0 and now >= next_leave and now < duration_msec - cycle_msec / 2:
				next_leave += 3 * cycle_msec
				_goodbye("leaving")
		"leaving", "ending":
			if player.all_counts_in() or since > GOODBYE_TIMEOUT_MSEC:
				if not player.all_counts_in():
					_fail("no count from %s within %d s" % [player.missing_counts(), GOODBYE_TIMEOUT_MSEC / 1000])
				state = "lingering" if state == "leaving" else "ending-linger"
				state_since = Time.get_ticks_msec()
		"lingering":
			if since > LINGER_MSEC:
				_close()
				state = "away"
				state_since = Time.get_ticks_msec()
		"ending-linger":
			if since > LINGER_MSEC:
				_close()
				player.report()
				quit(0)
		"away":
			if since > REJOIN_AFTER_MSEC:
				_join()
	return false


## Tell everyone we go (with what we sent each), and wait for their counts.
func _goodbye(next_state: String) -> void:
	print("soak: %s at %d s" % [next_state, int(_now() / 1000.0)])
	player.goodbye()
	state = next_state
	state_since = Time.get_ticks_msec()


func _close() -> void:
	get_multiplayer().multiplayer_peer = null
	mp.close()
	pcs.clear()
	tcp.disconnect_from_host()
	tcp = null
