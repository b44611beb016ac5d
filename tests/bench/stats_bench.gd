# What get_stats() costs a script: two connections in one process with a channel open and a
# sample taken, then bursts of get_stats() calls (the sample unchanged, as on most frames) and of
# get_connection_state() (one plain crossing into the extension) as the baseline.
# Prints "statsbench: <ns per get_stats> <ns per get_connection_state> <ns per get_stats on a new sample>".
extends SceneTree

const BURSTS := 31
const CALLS := 2000

var p1 := WebRTCPeerConnection.new()
var p2 := WebRTCPeerConnection.new()
var ch1: WebRTCDataChannel
var ch2 := p2.create_data_channel("bench", {"id": 1, "negotiated": true})
var started := Time.get_ticks_msec()


func _initialize() -> void:
	p1.initialize({"gdwrtcStatsInterval": 50})
	ch1 = p1.create_data_channel("bench", {"id": 1, "negotiated": true})
	p1.session_description_created.connect(p1.set_local_description)
	p1.session_description_created.connect(p2.set_remote_description)
	p2.session_description_created.connect(p2.set_local_description)
	p2.session_description_created.connect(p1.set_remote_description)
	p1.ice_candidate_created.connect(p2.add_ice_candidate)
	p2.ice_candidate_created.connect(p1.add_ice_candidate)
	p1.create_offer()


func _median_ns(callable: Callable) -> float:
	var times := PackedFloat64Array()
	for b in BURSTS:
		var t0 := Time.get_ticks_usec()
		for i in CALLS:
			callable.call()
		times.append((Time.get_ticks_usec() - t0) * 1000.0 / CALLS)
	times.sort()
	return times[BURSTS / 2]


func _process(_delta: float) -> bool:
	p1.poll()
	p2.poll()
	if Time.get_ticks_msec() - started > 60000:
		printerr("statsbench: timed out")
		quit(1)
	if ch1.get_ready_state() != WebRTCDataChannel.STATE_OPEN or p1.get_stats()["age"] < 0.0:
		return false
	var cached := _median_ns(func(): p1.get_stats())
	var crossing := _median_ns(func(): p1.get_connection_state())
	# A sample every 50 ms: call in a tight loop (caches warm, as in a busy frame) and keep the
	# times of the calls that met a new sample and rebuilt the Dictionary.
	var rebuilds := PackedFloat64Array()
	var last_age := 1e9
	while rebuilds.size() < 15:
		var t0 := Time.get_ticks_usec()
		var s: Dictionary = p1.get_stats()
		var dt := (Time.get_ticks_usec() - t0) * 1000.0
		if s["age"] < last_age:
			rebuilds.append(dt)
		last_age = s["age"]
	rebuilds.sort()
	print("statsbench: %d %d %d" % [cached, crossing, rebuilds[rebuilds.size() / 2]])
	p1.close()
	p2.close()
	quit(0)
	return false
