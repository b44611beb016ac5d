# Shaped like Godot 3's official webrtc_minimal demo: two WebRTCPeerConnection.new() objects in
# one process, one negotiated channel, a message each way. Exits 0 when both sides received.
extends SceneTree

var p1 = WebRTCPeerConnection.new()
var p2 = WebRTCPeerConnection.new()
var ch1 = p1.create_data_channel("chat", {"id": 1, "negotiated": true})
var ch2 = p2.create_data_channel("chat", {"id": 1, "negotiated": true})
var got1 = ""
var got2 = ""
var sent = false
var frames = 0


func _init():
	var script = p1.get_script()
	print("minimal: peer connection ", p1.get_class(), " with ", script.get_class_name() if script else "no script")
	if script == null or script.get_class_name() != "WebRTCPeerConnectionJava" or ch1 == null:
		printerr("minimal: WebRTCPeerConnection.new() is not backed by the library")
		quit(1)
		return
	p1.connect("session_description_created", p1, "set_local_description")
	p1.connect("session_description_created", p2, "set_remote_description")
	p2.connect("session_description_created", p2, "set_local_description")
	p2.connect("session_description_created", p1, "set_remote_description")
	p1.connect("ice_candidate_created", p2, "add_ice_candidate")
	p2.connect("ice_candidate_created", p1, "add_ice_candidate")
	p1.create_offer()


func _idle(_delta):
	frames += 1
	p1.poll()
	p2.poll()
	if not sent and ch1.get_ready_state() == WebRTCDataChannel.STATE_OPEN and ch2.get_ready_state() == WebRTCDataChannel.STATE_OPEN:
		ch1.put_packet("Hi from P1".to_utf8())
		ch2.put_packet("Hi from P2".to_utf8())
		sent = true
	while ch1.get_available_packet_count() > 0:
		got1 = ch1.get_packet().get_string_from_utf8()
		print("P1 received: ", got1)
	while ch2.get_available_packet_count() > 0:
		got2 = ch2.get_packet().get_string_from_utf8()
		print("P2 received: ", got2)
	if got1 == "Hi from P2" and got2 == "Hi from P1":
		print("minimal: ok")
		p1.close()
		p2.close()
		quit(0)
	elif frames > 3000:
		printerr("minimal: timed out (states %d %d)" % [p1.get_connection_state(), p2.get_connection_state()])
		quit(1)
	return false
