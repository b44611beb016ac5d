# Raw packets between engines (Godot 3 side; godot4/raw.gd is the Godot 4 side, same protocol):
# one WebRTCPeerConnection, three negotiated channels, COUNT binary packets of varying sizes on
# "reliable" (checked in order, byte for byte) and a text packet on "text" each way. Exits 0 once
# it received everything and the other side said it did too.
# Usage: godot3 --path . -s res://raw.gd -- --port P --name G3
extends SceneTree

const Args = preload("res://args.gd")
const Signalling = preload("res://signalling.gd")
const COUNT = 100

var lobby = Signalling.new()
var pc = WebRTCPeerConnection.new()
var other = 0
var reliable
var text
var unordered
var sent = false
var received = 0
var got_text = false
var got_bye = false
var said_bye = false
var my_name = "G3"
var exit_at = -1
var started = OS.get_ticks_msec()


static func packet(i):
	var p = PoolByteArray()
	p.resize(1 + (i * 137) % 4000)
	for j in range(p.size()):
		p[j] = (i + j) % 251
	return p


func _initialize():
	var args = Args.parse()
	my_name = args.get("name", my_name)
	pc.initialize({"iceServers": []})
	reliable = pc.create_data_channel("reliable", {"id": 1, "negotiated": true})
	text = pc.create_data_channel("text", {"id": 2, "negotiated": true})
	unordered = pc.create_data_channel("unordered", {"id": 3, "negotiated": true, "ordered": false, "maxRetransmits": 0})
	text.write_mode = WebRTCDataChannel.WRITE_MODE_TEXT
	pc.connect("session_description_created", self, "_on_sdp")
	pc.connect("ice_candidate_created", self, "_on_ice")
	lobby.connect("message", self, "_on_signal")
	lobby.connect_to(int(args.get("port", "0")))


func say(what):
	print("%s: %s" % [my_name, what])


func _on_sdp(type, sdp):
	pc.set_local_description(type, sdp)
	lobby.send(other, {"type": type, "sdp": sdp})


func _on_ice(media, index, name):
	lobby.send(other, {"type": "candidate", "media": media, "index": index, "name": name})


func _on_signal(from, msg):
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


func _idle(_delta):
	lobby.poll()
	pc.poll()
	if not sent and reliable.get_ready_state() == WebRTCDataChannel.STATE_OPEN and text.get_ready_state() == WebRTCDataChannel.STATE_OPEN:
		sent = true
		for ch in [reliable, text, unordered]:
			say("channel %s id=%d ordered=%s max_retransmits=%d negotiated=%s" % [ch.get_label(), ch.get_id(), ch.is_ordered(), ch.get_max_retransmits(), ch.is_negotiated()])
		for i in range(COUNT):
			reliable.put_packet(packet(i))
		text.put_packet(("hello from %s" % my_name).to_utf8())
	while reliable.get_available_packet_count() > 0:
		var p = reliable.get_packet()
		if p != packet(received):
			_fail("reliable packet %d differs (%d bytes)" % [received, p.size()])
			return false
		received += 1
	while text.get_available_packet_count() > 0:
		var s = text.get_packet().get_string_from_utf8()
		if s == "bye":
			got_bye = true
		else:
			say("text '%s' was_string=%s" % [s, text.was_string_packet()])
			got_text = true
	if received == COUNT and got_text and not said_bye:
		said_bye = true
		say("received %d reliable packets in order" % received)
		text.put_packet("bye".to_utf8())
	if said_bye and got_bye and exit_at < 0:
		exit_at = OS.get_ticks_msec() + 300
	if exit_at > 0 and OS.get_ticks_msec() >= exit_at:
		pc.close()
		lobby.close()
		say("ok")
		quit(0)
	elif OS.get_ticks_msec() - started > 45000:
		_fail("timed out: %d packets, text %s, bye %s, state %d" % [received, got_text, got_bye, pc.get_connection_state()])
	return false


func _fail(why):
	printerr("%s: FAILED: %s" % [my_name, why])
	quit(1)
