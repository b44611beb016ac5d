# `make bench`, two Godot processes: the offerer (--role offer, id 1) sends, the answerer
# (--role answer) receives. What sends and receives (--impl):
#   java         WebRTCMultiplayerPeerJava            builtin      Godot's own WebRTCMultiplayerPeer
#   channel      one negotiated WebRTCDataChannel
# each over WebRTCPeerConnection.new(): whatever addon the project holds (ours, or an anchor's);
# "-nopack" (java-nopack, builtin-nopack) initializes our connections with {"gdwrtcPacking": false},
# a peer that does not pack, as webrtc-native's or a browser.
# --peers N (multiplayer impls): the answerer hosts N multiplayer peers, ids 2..N+1, one
# connection each to the offerer, which broadcasts to them all.
# Signalling and the bench's own control go through TCP on 127.0.0.1 (--port).
# --cases "64:r:30000,64:u:30000,rpc:20000,..." (or "none"), in order:
#   size:r|u:count  throughput; the answerer prints
#       mpbench: tput <case> <packets arrived, all peers> <usec from the case's start to the last arrival>
#     on a channel the sender put_packet()s until refused, then waits a frame (no window);
#     a multiplayer peer keeps at most WINDOW_BYTES unread and puts for FRAME_BUDGET_USEC a frame.
#   rpc:count  a world sync: count reliable `@rpc` calls in one frame (SceneMultiplayer, peer 2);
#       mpbench: burst <case> <arrived> <usec to the last arrival> <out of order>
#   After each case the offerer prints  mpbench: refused <case> <put_packet/rpc calls refused>
# then, with --pings N, at Engine.max_fps = 60, one 64-byte reliable ping per frame echoed at once:
#   mpbench: rtt <frames p50> <frames p99> <usec p50> <usec p99>   (printed by the offerer)
extends SceneTree

const Args = preload("res://args.gd")
const Item = preload("res://burst_item.gd")
const FRAME_BUDGET_USEC := 8000
# Multiplayer cases keep at most this many bytes (packet + the receiver's per-packet accounting)
# sent and not yet read, as the answerer reports over the control link: a reliable flood past the
# receiver's limit (4 MiB unread per channel) would close the connection, by design.
const WINDOW_BYTES := 1 << 20
# A case ends once every packet arrived or after this long without arrivals: an unreliable one may
# lose packets; a reliable one only stalls (SCTP's retransmission timer can wait over a second).
const UNRELIABLE_END_USEC := 1000000
const RELIABLE_END_USEC := 10000000

var offer := false
var impl := "java"
var nopack := false
var mp = null # the offerer's multiplayer peer
var ends := [] # per remote: {pc, mp (answerer), reliable, unreliable (channel impl)}
var server: TCPServer
var link: PacketPeerStream
var item: Node
var cases: PackedStringArray = []
var case_index := -1
var case_kind := ""
var count := 0
var sent := 0
var refused := 0
var got := 0
var acked := 0
var window := 0
var start_usec := 0
var last_usec := 0
var idle_end := 0
var payload := PackedByteArray()
var pings := 0
var ping_frames := PackedInt64Array()
var ping_usecs := PackedInt64Array()
var state := "connecting"


func _initialize() -> void:
	var args := Args.parse()
	offer = args.get("role", "offer") == "offer"
	impl = args.get("impl", "java")
	nopack = impl.ends_with("-nopack")
	impl = impl.trim_suffix("-nopack")
	var list: String = args.get("cases", "none")
	if list != "none":
		cases = list.split(",", false)
	pings = int(args.get("pings", "0"))
	var peers := int(args.get("peers", "1"))
	if offer and impl != "channel":
		mp = _new_multiplayer(1)
	for k in peers:
		var pc := WebRTCPeerConnection.new()
		if nopack:
			_check(pc.initialize({"gdwrtcPacking": false}), "initialize")
		var end := {"pc": pc}
		if impl == "channel":
			end["reliable"] = pc.create_data_channel("reliable", {"id": 1, "negotiated": true})
			end["unreliable"] = pc.create_data_channel("unreliable", {"id": 2, "negotiated": true, "ordered": false, "maxRetransmits": 0})
		elif offer:
			_check(mp.add_peer(pc, k + 2), "add_peer")
		else:
			end["mp"] = _new_multiplayer(k + 2)
			_check(end["mp"].add_peer(pc, 1), "add_peer")
		pc.session_description_created.connect(func(type: String, sdp: String) -> void:
			pc.set_local_description(type, sdp)
			_send(["sdp", k, type, sdp]))
		pc.ice_candidate_created.connect(func(m: String, i: int, n: String) -> void: _send(["ice", k, m, i, n]))
		ends.append(end)
	if not cases.is_empty() and cases[0].begins_with("rpc:"):
		# A world sync is SceneMultiplayer's traffic: it polls the peer and runs the calls.
		item = Item.new()
		item.name = "item"
		root.add_child(item)
		get_multiplayer().multiplayer_peer = mp if offer else ends[0]["mp"]
	var port := int(args.get("port", "9300"))
	if offer:
		server = TCPServer.new()
		_check(server.listen(port, "127.0.0.1"), "listen")
		print("mpbench: listening")
	else:
		var tcp := StreamPeerTCP.new()
		_check(tcp.connect_to_host("127.0.0.1", port), "connect")
		link = PacketPeerStream.new()
		link.stream_peer = tcp
	print("mpbench: %s as %s, %d peer(s)" % [impl, "offerer" if offer else "answerer", peers])


func _new_multiplayer(id: int):
	# By name: the script also runs where our addon is not installed (an anchor's project).
	var m = WebRTCMultiplayerPeer.new() if impl == "builtin" else ClassDB.instantiate(&"WebRTCMultiplayerPeerJava")
	_check(m.create_mesh(id), "create_mesh")
	return m


func _check(err: int, what: String) -> void:
	if err != OK:
		printerr("mpbench: %s failed: %s" % [what, error_string(err)])
		quit(1)


func _send(msg: Array) -> void:
	link.put_var(msg)


## Signalling and control messages, as they come.
func _receive() -> void:
	if link == null:
		if server.is_connection_available():
			link = PacketPeerStream.new()
			link.stream_peer = server.take_connection()
			for end in ends:
				end["pc"].create_offer()
		return
	link.stream_peer.poll()
	while link.get_available_packet_count() > 0:
		var m: Array = link.get_var()
		match m[0]:
			"sdp": ends[m[1]]["pc"].set_remote_description(m[2], m[3])
			"ice": ends[m[1]]["pc"].add_ice_candidate(m[2], m[3], m[4])
			"case": _start_case(int(m[1]))
			"ack": acked = m[1]
			"next": _next()
			"rtt": _start_rtt()
			"bye":
				state = "done" # the offerer closes the link next
				quit(0)
	if link.stream_peer.get_status() != StreamPeerTCP.STATUS_CONNECTED and state != "done":
		printerr("mpbench: the other process left")
		quit(1)


func _connected() -> bool:
	for end in ends:
		if impl == "channel":
			if end["reliable"].get_ready_state() != WebRTCDataChannel.STATE_OPEN or end["unreliable"].get_ready_state() != WebRTCDataChannel.STATE_OPEN:
				return false
	if impl == "channel":
		return true
	if offer:
		for k in ends.size():
			if not mp.has_peer(k + 2) or not mp.get_peer(k + 2)["connected"]:
				return false
		return true
	for end in ends:
		if not end["mp"].has_peer(1) or not end["mp"].get_peer(1)["connected"]:
			return false
	return true


func _start_case(index: int) -> void:
	case_index = index
	var c := cases[index].split(":")
	case_kind = "rpc" if c[0] == "rpc" else c[1]
	count = int(c[c.size() - 1])
	var size := 0 if c[0] == "rpc" else int(c[0])
	if mp != null and case_kind != "rpc":
		mp.transfer_mode = MultiplayerPeer.TRANSFER_MODE_RELIABLE if case_kind == "r" else MultiplayerPeer.TRANSFER_MODE_UNRELIABLE
		mp.set_target_peer(0 if ends.size() > 1 else 2)
	window = WINDOW_BYTES / (size + 64) if case_kind == "r" and impl != "channel" else count
	acked = 0
	payload.resize(size)
	if size > 0:
		payload[0] = index # what arrives late from an earlier unreliable case is not counted
	sent = 0
	refused = 0
	got = 0
	start_usec = Time.get_ticks_usec()
	last_usec = start_usec # a case where nothing arrives ends too
	idle_end = UNRELIABLE_END_USEC if case_kind == "u" else RELIABLE_END_USEC
	state = "case"


func _process(_delta: float) -> bool:
	_receive()
	for end in ends:
		if impl == "channel":
			end["pc"].poll()
		elif not offer:
			end["mp"].poll()
	if offer and mp != null:
		mp.poll()
	if state == "connecting":
		if _connected():
			state = "idle"
			if offer:
				_next()
	elif state == "case":
		if offer:
			_put()
		else:
			_drain()
	elif state == "rtt":
		_rtt()
	return false


## The offerer starts the next case (the answerer follows its control message), then RTT, then ends.
func _next() -> void:
	if case_index >= 0:
		print("mpbench: refused %s %d" % [cases[case_index], refused])
	if case_index + 1 < cases.size():
		_send(["case", case_index + 1])
		_start_case(case_index + 1)
	elif pings > 0:
		_send(["rtt"])
		_start_rtt()
	else:
		_finish()


func _finish() -> void:
	_send(["bye"])
	link.stream_peer.poll()
	state = "done"
	quit(0)


## Both processes at 60 frames/s from here on; 64-byte reliable pings to the other peer.
func _start_rtt() -> void:
	Engine.max_fps = 60
	mp = mp if offer else ends[0]["mp"]
	mp.transfer_mode = MultiplayerPeer.TRANSFER_MODE_RELIABLE
	mp.set_target_peer(2 if offer else 1)
	payload.resize(64)
	state = "rtt"


func _put() -> void:
	if case_kind == "rpc":
		# The whole world in one frame, as a game syncs a joining player.
		for i in count:
			if item.rpc_id(2, &"item", i, "entity %d" % i) != OK:
				refused += 1
		sent = count
	elif impl == "channel":
		var ch: WebRTCDataChannel = ends[0]["reliable" if case_kind == "r" else "unreliable"]
		while sent < count:
			if ch.put_packet(payload) != OK:
				refused += 1
				break # refused: try again next frame
			sent += 1
	else:
		var end := Time.get_ticks_usec() + FRAME_BUDGET_USEC
		while sent < count and sent - acked < window and Time.get_ticks_usec() < end:
			if mp.put_packet(payload) != OK:
				refused += 1
				break # ERR_BUSY: the send queue is full, try again next frame
			sent += 1
	if sent == count:
		state = "sent" # the answerer says "next" when all arrived or it gave up


func _read(peer) -> void:
	while peer.get_available_packet_count() > 0:
		var p: PackedByteArray = peer.get_packet()
		if p.size() > 0 and p[0] == case_index:
			got += 1
			last_usec = Time.get_ticks_usec()


func _drain() -> void:
	var now := Time.get_ticks_usec()
	var before := got
	if case_kind == "rpc":
		got = item.got
		last_usec = item.last_usec if got > 0 else last_usec
	elif impl == "channel":
		for end in ends:
			_read(end["reliable"])
			_read(end["unreliable"])
	else:
		for end in ends:
			_read(end["mp"])
	if got != before and case_kind != "rpc":
		_send(["ack", got / ends.size()])
	if got >= count * ends.size() or now - last_usec > idle_end:
		if case_kind == "rpc":
			print("mpbench: burst %s %d %d %d" % [cases[case_index], got, maxi(last_usec - start_usec, 1), item.disorder])
		else:
			print("mpbench: tput %s %d %d" % [cases[case_index], got, maxi(last_usec - start_usec, 1)])
		state = "idle"
		_send(["next"])


func _rtt() -> void:
	var now := Time.get_ticks_usec()
	var frame := Engine.get_process_frames()
	while mp.get_available_packet_count() > 0:
		var p: PackedByteArray = mp.get_packet()
		if p.size() != 64:
			continue # a late packet of an unreliable case
		if offer:
			ping_frames.append(frame - p.decode_s64(0))
			ping_usecs.append(now - p.decode_s64(8))
		else:
			mp.put_packet(p) # the echo, in the frame the ping arrived
	if not offer:
		return
	if ping_usecs.size() >= pings:
		ping_frames.sort()
		ping_usecs.sort()
		var n := ping_usecs.size()
		print("mpbench: rtt %d %d %d %d" % [ping_frames[n / 2], ping_frames[n * 99 / 100], ping_usecs[n / 2], ping_usecs[n * 99 / 100]])
		_finish()
		return
	payload.encode_s64(0, frame)
	payload.encode_s64(8, Time.get_ticks_usec())
	mp.put_packet(payload)
