# `make bench`, connect time in a fresh Godot process: the first pair of connections (the
# extension's runtime and connection factory cold: created in the first frame) and then a second
# pair in the same process (warm), each from WebRTCPeerConnection.new() until both ends' channel
# is open, signalled in-process. Prints "connect: cold_usec <n> warm_usec <n>".
# With `-- --once 1` (a whole process: start, one connection, quit) it quits after the first pair
# and prints "connect: once_usec <n> peak_rss_kib <the process's peak RSS, VmHWM>".
extends SceneTree

const Args = preload("res://args.gd")
const Status = preload("res://proc_status.gd")

var pair := []
var started := 0
var cold := 0
var frames := 0
var once := false


func _connect_pair() -> Array:
	started = Time.get_ticks_usec()
	var p1 := WebRTCPeerConnection.new()
	var p2 := WebRTCPeerConnection.new()
	var c1 := p1.create_data_channel("m", {"id": 1, "negotiated": true})
	var c2 := p2.create_data_channel("m", {"id": 1, "negotiated": true})
	p1.session_description_created.connect(p1.set_local_description)
	p1.session_description_created.connect(p2.set_remote_description)
	p2.session_description_created.connect(p2.set_local_description)
	p2.session_description_created.connect(p1.set_remote_description)
	p1.ice_candidate_created.connect(p2.add_ice_candidate)
	p2.ice_candidate_created.connect(p1.add_ice_candidate)
	p1.create_offer()
	return [p1, p2, c1, c2]


func _initialize() -> void:
	once = Args.parse().get("once", "0") == "1"
	pair = _connect_pair()



func _process(_delta: float) -> bool:
	frames += 1
	pair[0].poll()
	pair[1].poll()
	if pair[2].get_ready_state() == WebRTCDataChannel.STATE_OPEN and pair[3].get_ready_state() == WebRTCDataChannel.STATE_OPEN:
		var took := Time.get_ticks_usec() - started
		pair[0].close()
		pair[1].close()
		if once:
			print("connect: once_usec %d peak_rss_kib %d" % [took, Status.kib("VmHWM")])
			quit(0)
		elif cold == 0:
			cold = took
			pair = _connect_pair()
		else:
			print("connect: cold_usec %d warm_usec %d" % [cold, took])
			quit(0)
	elif frames > 100000:
		printerr("connect: did not connect")
		quit(1)
	return false
