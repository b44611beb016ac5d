# Throughput through the extension as a script sees it: two connections in one process, one
# reliable channel, N 64-byte packets sent as fast as put_packet accepts them (it answers
# ERR_BUSY while the send queue is full), then 40 timed bursts of 500 put_packet calls, each
# followed by a drain. Prints "bench: godot <msgs/s> <ns per put_packet (median burst)>".
extends SceneTree

const Args = preload("res://args.gd")

var p1 := WebRTCPeerConnection.new()
var p2 := WebRTCPeerConnection.new()
var ch1 := p1.create_data_channel("bench", {"id": 1, "negotiated": true})
var ch2 := p2.create_data_channel("bench", {"id": 1, "negotiated": true})
var total := 100000
var sent := 0
var received := 0
var start_usec := 0
var rate := 0
var bursts := PackedFloat64Array()
var burst_sent := false
var payload := PackedByteArray()


func _initialize() -> void:
	total = int(Args.parse().get("messages", "100000"))
	payload.resize(64)
	p1.session_description_created.connect(p1.set_local_description)
	p1.session_description_created.connect(p2.set_remote_description)
	p2.session_description_created.connect(p2.set_local_description)
	p2.session_description_created.connect(p1.set_remote_description)
	p1.ice_candidate_created.connect(p2.add_ice_candidate)
	p2.ice_candidate_created.connect(p1.add_ice_candidate)
	p1.create_offer()


func _process(_delta: float) -> bool:
	p1.poll()
	p2.poll()
	if ch1.get_ready_state() != WebRTCDataChannel.STATE_OPEN or ch2.get_ready_state() != WebRTCDataChannel.STATE_OPEN:
		return false
	if start_usec == 0:
		start_usec = Time.get_ticks_usec()
	if rate == 0:
		_throughput()
	else:
		_bursts()
	return false


func _throughput() -> void:
	var frame_end := Time.get_ticks_usec() + 16000
	while Time.get_ticks_usec() < frame_end and received < total:
		while sent < total:
			if ch1.put_packet(payload) != OK:
				break # ERR_BUSY: the queue is full, read what arrived meanwhile
			sent += 1
		while ch2.get_available_packet_count() > 0:
			ch2.get_packet()
			received += 1
	if received >= total:
		rate = int(total / ((Time.get_ticks_usec() - start_usec) / 1e6))
		received = 0


func _bursts() -> void:
	if not burst_sent:
		var t := Time.get_ticks_usec()
		for i in 500:
			if ch1.put_packet(payload) != OK:
				printerr("bench: put_packet refused inside a burst")
				quit(1)
				return
		bursts.append((Time.get_ticks_usec() - t) * 1000.0 / 500)
		burst_sent = true
	while ch2.get_available_packet_count() > 0:
		ch2.get_packet()
		received += 1
	if received >= 500:
		received = 0
		burst_sent = false
		if bursts.size() == 40:
			bursts.sort()
			print("bench: godot %d %d" % [rate, int(bursts[20])])
			quit(0)
