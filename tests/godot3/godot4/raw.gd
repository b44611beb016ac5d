# The Godot 4 side of raw.gd (see there), with our Godot 4 addon; the same protocol and line lobby.
# Usage: godot --headless --path . -s res://raw4.gd -- --port P --name G4
extends SceneTree

const COUNT := 100

var tcp := StreamPeerTCP.new()
var pending := ""
var pc := WebRTCPeerConnection.new()
var other := 0
var reliable: WebRTCDataChannel
var text: WebRTCDataChannel
var unordered: WebRTCDataChannel
var sent := false
var received := 0
var got_text := false
var got_bye := false
var said_bye := false
var my_name := "G4"
var exit_at := -1
var started := Time.get_ticks_msec()


static func packet(i: int) -> PackedByteArray:
	var p := PackedByteArray()
	p.resize(1 + (i * 137) % 4000)
	for j in range(p.size()):
		p[j] = (i + j) % 251
	return p


func _initialize() -> void:
	var args := OS.get_cmdline_user_args()
	var port := 0
	for i in range(0, args.size() - 1, 2):
		if args[i] == "--port":
			port = int(args[i + 1])
		elif args[i] == "--name":
			my_name = args[i + 1]
	pc.initialize({"iceServers": []})
	reliable = pc.create_data_channel("reliable", {"id": 1, "negotiated": true})
	text = pc.create_data_channel("text", {"id": 2, "negotiated": true})
	unordered = pc.create_data_channel("unordered", {"id": 3, "negotiated": true, "ordered": false, "maxRetransmits": 0})
	text.write_mode = WebRTCDataChannel.WRITE_MODE_TEXT
	pc.session_description_created.connect(func(type: String, sdp: String) -> void:
		pc.set_local_description(type, sdp)
		send({"type": type, "sdp": sdp}))
	pc.ice_candidate_created.connect(func(media: String, index: int, name: String) -> void:
		send({"type": "candidate", "media": media, "index": index, "name": name}))
	tcp.connect_to_host("127.0.0.1", port)


func say(what: String) -> void:
	print("%s: %s" % [my_name, what])


func send(msg: Dictionary) -> void:
	tcp.put_data(("%d %s\n" % [other, JSON.stringify(msg)]).to_utf8_buffer())


func on_signal(from: int, msg: Dictionary) -> void:
	match msg["type"]:
		"welcome":
			if msg["peers"].size() > 0:
				other = int(msg["peers"][0])
				pc.create_offer()
		"offer":
			other = from
			pc.set_remote_description("offer", msg["sdp"])
		"answer":
			pc.set_remote_description("answer", msg["sdp"])
		"candidate":
			pc.add_ice_candidate(msg["media"], int(msg["index"]), msg["name"])


func _process(_delta: float) -> bool:
	tcp.poll()
	if tcp.get_status() == StreamPeerTCP.STATUS_CONNECTED and tcp.get_available_bytes() > 0:
		pending += tcp.get_data(tcp.get_available_bytes())[1].get_string_from_utf8()
	while pending.find("\n") >= 0:
		var line := pending.left(pending.find("\n"))
		pending = pending.substr(pending.find("\n") + 1)
		var space := line.find(" ")
		var msg = JSON.parse_string(line.substr(space + 1))
		if msg is Dictionary:
			on_signal(int(line.left(space)), msg)
	pc.poll()
	if not sent and reliable.get_ready_state() == WebRTCDataChannel.STATE_OPEN and text.get_ready_state() == WebRTCDataChannel.STATE_OPEN:
		sent = true
		for ch in [reliable, text, unordered]:
			say("channel %s id=%d ordered=%s max_retransmits=%d negotiated=%s" % [ch.get_label(), ch.get_id(), ch.is_ordered(), ch.get_max_retransmits(), ch.is_negotiated()])
		for i in range(COUNT):
			reliable.put_packet(packet(i))
		text.put_packet(("hello from %s" % my_name).to_utf8_buffer())
	while reliable.get_available_packet_count() > 0:
		var p := reliable.get_packet()
		if p != packet(received):
			fail("reliable packet %d differs (%d bytes)" % [received, p.size()])
			return false
		received += 1
	while text.get_available_packet_count() > 0:
		var s := text.get_packet().get_string_from_utf8()
		if s == "bye":
			got_bye = true
		else:
			say("text '%s' was_string=%s" % [s, text.was_string_packet()])
			got_text = true
	if received == COUNT and got_text and not said_bye:
		said_bye = true
		say("received %d reliable packets in order" % received)
		text.put_packet("bye".to_utf8_buffer())
	if said_bye and got_bye and exit_at < 0:
		exit_at = Time.get_ticks_msec() + 300
	if exit_at > 0 and Time.get_ticks_msec() >= exit_at:
		pc.close()
		tcp.disconnect_from_host()
		say("ok")
		quit(0)
	elif Time.get_ticks_msec() - started > 45000:
		fail("timed out: %d packets, text %s, bye %s, state %d" % [received, got_text, got_bye, pc.get_connection_state()])
	return false


func fail(why: String) -> void:
	printerr("%s: FAILED: %s" % [my_name, why])
	quit(1)
