# One short Godot run for the soak (tests/src/test/java/dev/gdwrtc/tests/SoakTest.java): opens
# connections and quits in the state the first argument names, never closing anything itself.
#   live       two connections, a negotiated channel open both ways, one message each way, quit
#   handshake  quit after the given number of frames (second argument) of the offer/answer and ICE
#   mesh       two WebRTCMultiplayerPeerJava (ids 1 and 2) in one process, quit once both connected
extends SceneTree

var mode := ""
var quit_at := 0
var frames := 0
var p1 := WebRTCPeerConnection.new()
var p2 := WebRTCPeerConnection.new()
var ch1: WebRTCDataChannel
var ch2: WebRTCDataChannel
var m1 := WebRTCMultiplayerPeerJava.new()
var m2 := WebRTCMultiplayerPeerJava.new()


func _initialize() -> void:
	var args := OS.get_cmdline_user_args()
	mode = args[0] if args.size() > 0 else "live"
	quit_at = int(args[1]) if args.size() > 1 else 0
	if mode == "mesh":
		m1.create_mesh(1)
		m2.create_mesh(2)
		m1.add_peer(p1, 2)
		m2.add_peer(p2, 1)
	else:
		ch1 = p1.create_data_channel("soak", {"id": 1, "negotiated": true})
		ch2 = p2.create_data_channel("soak", {"id": 1, "negotiated": true})
	p1.session_description_created.connect(p1.set_local_description)
	p1.session_description_created.connect(p2.set_remote_description)
	p2.session_description_created.connect(p2.set_local_description)
	p2.session_description_created.connect(p1.set_remote_description)
	p1.ice_candidate_created.connect(p2.add_ice_candidate)
	p2.ice_candidate_created.connect(p1.add_ice_candidate)
	p1.create_offer()


func _process(_delta: float) -> bool:
	frames += 1
	if mode == "mesh":
		m1.poll()
		m2.poll()
		if m1.get_peers().size() == 1 and m1.get_peer(2).connected and m2.get_peer(1).connected:
			return _done()
	else:
		p1.poll()
		p2.poll()
		if mode == "handshake" and frames >= quit_at:
			return _done()
		if mode == "live" and ch1.get_ready_state() == WebRTCDataChannel.STATE_OPEN and ch2.get_ready_state() == WebRTCDataChannel.STATE_OPEN:
			ch1.put_packet("from 1".to_utf8_buffer())
			ch2.put_packet("from 2".to_utf8_buffer())
			if ch1.get_available_packet_count() > 0 and ch2.get_available_packet_count() > 0:
				return _done()
	if Time.get_ticks_msec() > 90000: # the test waits 120 s; a loaded machine is slow, never this slow
		printerr("soak_run: %s never reached its state" % mode)
		quit(1)
	return false


func _done() -> bool:
	print("soak_run: %s quitting at frame %d" % [mode, frames])
	quit(0)
	return false
