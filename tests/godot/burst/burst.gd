# A game's world sync: peer 1 sends --count reliable @rpc calls to peer 2 in one frame
# (item.rpc_id(2, i, "entity %d" % i)); peer 2 checks each arrives once, in order. The two
# processes signal each other over TCP (peer 2 listens on --port). Exit 0 when all arrived
# (receiver) or the receiver confirmed them (sender).
#   --role send|receive, --impl java|builtin (the multiplayer peer class), --packing true|false
#   (WebRTCPeerConnectionJava's gdwrtcPacking: false makes our end behave as a stock stack).
# Usage: godot --headless --path . -s res://burst/burst.gd -- --role receive --port 9200 --count 20000
extends SceneTree

const Args = preload("res://args.gd")
const Item = preload("res://burst/item.gd")

var tcp := StreamPeerTCP.new()
var server := TCPServer.new()
var mp: MultiplayerPeer
var pc := WebRTCPeerConnection.new()
var item: Node
var sender := false
var count := 20000
var deadline := Time.get_ticks_msec() + 120000
var started_ms := 0


func _initialize() -> void:
	var args := Args.parse()
	sender = args.get("role", "send") == "send"
	count = int(args.get("count", "20000"))
	mp = WebRTCMultiplayerPeer.new() if args.get("impl", "java") == "builtin" else WebRTCMultiplayerPeerJava.new()
	item = Item.new()
	item.name = "Item"
	root.add_child(item)
	item.received_all.connect(_on_received_all)
	item.confirmed.connect(func(n: int) -> void: _finish(0, "receiver confirmed %d" % n))
	item.expected = count
	var port := int(args.get("port", "9200"))
	if sender:
		tcp.connect_to_host("127.0.0.1", port)
	elif server.listen(port, "127.0.0.1") != OK:
		_finish(1, "cannot listen on %d" % port)
		return
	else:
		print("burst: listening")
	mp.create_mesh(1 if sender else 2)
	get_multiplayer().multiplayer_peer = mp
	get_multiplayer().peer_connected.connect(_on_connected)
	pc.initialize({"iceServers": [], "gdwrtcPacking": args.get("packing", "true") == "true"})
	pc.session_description_created.connect(func(type: String, sdp: String) -> void:
		pc.set_local_description(type, sdp)
		tcp.put_var({"type": type, "sdp": sdp}))
	pc.ice_candidate_created.connect(func(media: String, index: int, name: String) -> void:
		tcp.put_var({"type": "candidate", "media": media, "index": index, "name": name}))
	mp.add_peer(pc, 2 if sender else 1)


func _on_connected(id: int) -> void:
	if not sender:
		return
	started_ms = Time.get_ticks_msec()
	for i in count: # one frame
		item.rpc_id(id, "entity", i, "entity %d" % i)
	print("burst: %d rpcs put in one frame in %d ms" % [count, Time.get_ticks_msec() - started_ms])


func _on_received_all(n: int, ms: int) -> void:
	print("burst: received %d in order, last %d ms after the first" % [n, ms])
	item.rpc_id(1, "confirm", n)
	deadline = Time.get_ticks_msec() + 2000 # let the confirmation leave, then quit


func _process(_delta: float) -> bool:
	if not sender and server.is_connection_available():
		tcp = server.take_connection()
	tcp.poll()
	while tcp.get_status() == StreamPeerTCP.STATUS_CONNECTED and tcp.get_available_bytes() > 0:
		var msg: Dictionary = tcp.get_var()
		if msg["type"] == "offer" or msg["type"] == "answer":
			pc.set_remote_description(msg["type"], msg["sdp"])
		else:
			pc.add_ice_candidate(msg["media"], msg["index"], msg["name"])
	if sender and pc.get_signaling_state() == WebRTCPeerConnection.SIGNALING_STATE_STABLE \
			and tcp.get_status() == StreamPeerTCP.STATUS_CONNECTED and not has_meta("offered"):
		set_meta("offered", true)
		pc.create_offer()
	if item.failure != "":
		_finish(1, item.failure)
	elif Time.get_ticks_msec() > deadline:
		if not sender and item.next == count:
			_finish(0, "done")
		else:
			_finish(1, "timed out: %d of %d arrived in order" % [item.next, count])
	return false


func _finish(code: int, why: String) -> void:
	print("burst: %s (%d)" % [why, code])
	get_multiplayer().multiplayer_peer = null
	mp.close()
	quit(code)
