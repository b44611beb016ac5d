# get_stats() and restart_ice() in Godot 3: two connections in one process, a reliable channel,
# messages both ways every frame; once a sample shows traffic, p1 restarts ICE through the same
# signal wiring, and traffic must go on with a second sample counting the restart.
extends SceneTree

var p1 = WebRTCPeerConnection.new()
var p2 = WebRTCPeerConnection.new()
var ch1
var ch2
var frames = 0
var phase = "connecting"
var received = 0
var received_at_restart = 0
var started = OS.get_ticks_msec()


func _init():
	p1.initialize({"gdwrtcStatsInterval": 100})
	p2.initialize({"gdwrtcStatsInterval": 100})
	ch1 = p1.create_data_channel("chat", {"id": 1, "negotiated": true})
	ch2 = p2.create_data_channel("chat", {"id": 1, "negotiated": true})
	for pair in [[p1, p2], [p2, p1]]: # each side signals to the other directly
		pair[0].connect("session_description_created", pair[0], "set_local_description")
		pair[0].connect("session_description_created", pair[1], "set_remote_description")
		pair[0].connect("ice_candidate_created", pair[1], "add_ice_candidate")
	p1.create_offer()


func _fail(why):
	printerr("stats3: FAILED: ", why)
	quit(1)


func _idle(_delta):
	p1.poll()
	p2.poll()
	if OS.get_ticks_msec() - started > 40000:
		_fail("timed out in phase " + phase + ", stats " + str(p1.get_stats()))
		return
	if ch1.get_ready_state() != WebRTCDataChannel.STATE_OPEN or ch2.get_ready_state() != WebRTCDataChannel.STATE_OPEN:
		return
	ch1.put_packet("ping".to_utf8())
	while ch2.get_available_packet_count() > 0:
		ch2.get_packet()
		received += 1
	var s = p1.get_stats()
	match phase:
		"connecting":
			if s["age"] >= 0.0 and s["bytes_sent"] > 0 and received > 20:
				for key in ["round_trip_time", "bytes_received", "packets_sent", "packets_received", "local_candidate_type",
						"remote_candidate_type", "protocol", "data_channels", "ice_restarts"]:
					if not s.has(key):
						_fail("no " + key + " in " + str(s))
						return
				if typeof(s["round_trip_time"]) != TYPE_REAL or typeof(s["bytes_sent"]) != TYPE_INT or s["protocol"] != "udp":
					_fail("wrong types in " + str(s))
					return
				if s["data_channels"].size() != 1 or s["data_channels"][0]["label"] != "chat":
					_fail("expected the chat channel in " + str(s))
					return
				print("stats3: ", to_json(s))
				if p1.restart_ice() != OK:
					_fail("restart_ice failed")
					return
				received_at_restart = received
				phase = "restarting"
		"restarting":
			if s["ice_restarts"] == 1 and received > received_at_restart + 50:
				print("stats3: after restart: ", to_json(s))
				print("stats3: ok")
				p1.close()
				p2.close()
				quit(0)
