# `make bench`, multiplayer peers in two Godot processes: one multiplayer peer each (--impl java:
# WebRTCMultiplayerPeerJava, --impl builtin: Godot's own WebRTCMultiplayerPeer), both over
# WebRTCPeerConnection (ours, the addon's default). Signalling and the bench's own control go
# through TCP on 127.0.0.1 (--port); the offerer (--role offer, id 1) listens, the answerer (id 2)
# connects. The offerer sends, the answerer receives and prints one line per case:
#   mpbench: tput <case> <packets arrived> <usec from the case's start to the last arrival>
# then, at Engine.max_fps = 60 with one 64-byte reliable ping per frame echoed at once:
#   mpbench: rtt <frames p50> <frames p99> <usec p50> <usec p99>   (printed by the offerer)
# --cases "64:r:30000,64:u:30000,..." (or "none") lists the throughput cases (size:reliable or
# unreliable:packets);
# --pings N the RTT samples (0: none).
extends SceneTree

const Args = preload("res://args.gd")
const FRAME_BUDGET_USEC := 8000
# Reliable cases keep at most this many bytes (packet + the receiver's per-packet accounting) sent
# and not yet read, as the answerer reports over the control link: a reliable flood past the
# receiver's limit (4 MiB unread per channel) would close the connection, by design.
const WINDOW_BYTES := 1 << 20
# A case ends once every packet arrived or after this long without arrivals: an unreliable one may
# lose packets; a reliable one only stalls (SCTP's retransmission timer can wait over a second).
const UNRELIABLE_END_USEC := 1000000
const RELIABLE_END_USEC := 10000000

var offer := false
var mp
var pc: WebRTCPeerConnection
var server: TCPServer
var link: PacketPeerStream
var cases: PackedStringArray = []
var case_index := -1
var count := 0
var sent := 0
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
	var list: String = args.get("cases", "none")
	if list != "none":
		cases = list.split(",", false)
	pings = int(args.get("pings", "0"))
	mp = WebRTCMultiplayerPeer.new() if args.get("impl", "java") == "builtin" else WebRTCMultiplayerPeerJava.new()
	_check(mp.create_mesh(1 if offer else 2), "create_mesh")
	pc = WebRTCPeerConnection.new()
	pc.session_description_created.connect(_on_description)
	pc.ice_candidate_created.connect(func(m, i, n): _send(["ice", m, i, n]))
	_check(mp.add_peer(pc, 2 if offer else 1), "add_peer")
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
	print("mpbench: %s as %s" % [mp.get_class(), "offerer" if offer else "answerer"])


func _check(err: int, what: String) -> void:
	if err != OK:
		printerr("mpbench: %s failed: %s" % [what, error_string(err)])
		quit(1)


func _on_description(type: String, sdp: String) -> void:
	pc.set_local_description(type, sdp)
	_send(["sdp", type, sdp])


func _send(msg: Array) -> void:
	link.put_var(msg)


## Signalling and control messages, as they come.
func _receive() -> void:
	if link == null:
		if server.is_connection_available():
			link = PacketPeerStream.new()
			link.stream_peer = server.take_connection()
			pc.create_offer()
		return
	link.stream_peer.poll()
	while link.get_available_packet_count() > 0:
		var m: Array = link.get_var()
		match m[0]:
			"sdp": pc.set_remote_description(m[1], m[2])
			"ice": pc.add_ice_candidate(m[1], m[2], m[3])
			"case": _start_case(int(m[1]))
			"ack": acked = m[1]
			"next": _next()
			"rtt": _start_rtt()
			"bye": quit(0)
	if link.stream_peer.get_status() != StreamPeerTCP.STATUS_CONNECTED and state != "done":
		printerr("mpbench: the other process left")
		quit(1)


func _start_case(index: int) -> void:
	case_index = index
	var c := cases[index].split(":")
	var size := int(c[0])
	count = int(c[2])
	mp.transfer_mode = MultiplayerPeer.TRANSFER_MODE_RELIABLE if c[1] == "r" else MultiplayerPeer.TRANSFER_MODE_UNRELIABLE
	mp.set_target_peer(2 if offer else 1)
	window = WINDOW_BYTES / (size + 64) if c[1] == "r" else count
	acked = 0
	payload.resize(size)
	payload[0] = index # what arrives late from an earlier unreliable case is not counted
	sent = 0
	got = 0
	start_usec = Time.get_ticks_usec()
	last_usec = start_usec # a case where nothing arrives ends too
	idle_end = RELIABLE_END_USEC if c[1] == "r" else UNRELIABLE_END_USEC
	state = "case"


func _process(_delta: float) -> bool:
	_receive()
	mp.poll()
	if state == "connecting":
		if mp.has_peer(2 if offer else 1) and mp.get_peer(2 if offer else 1)["connected"]:
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
	mp.transfer_mode = MultiplayerPeer.TRANSFER_MODE_RELIABLE
	mp.set_target_peer(2 if offer else 1)
	payload.resize(64)
	state = "rtt"


func _put() -> void:
	var end := Time.get_ticks_usec() + FRAME_BUDGET_USEC
	while sent < count and sent - acked < window and Time.get_ticks_usec() < end:
		if mp.put_packet(payload) != OK:
			break # ERR_BUSY: the send queue is full, try again next frame
		sent += 1
	if sent == count:
		state = "sent" # the answerer says "next" when all arrived or it gave up


func _drain() -> void:
	var now := Time.get_ticks_usec()
	var before := got
	while mp.get_available_packet_count() > 0:
		var p: PackedByteArray = mp.get_packet()
		if p.size() > 0 and p[0] == case_index:
			got += 1
			last_usec = now
	if got != before:
		_send(["ack", got])
	if got >= count or now - last_usec > idle_end:
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
