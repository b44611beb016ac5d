# `make bench`, start and memory: run once in a project with the addon and once in one without.
# Prints when the first script ran (µs since Godot started), how long the first connection
# object took to be ready (with the addon), the idle process RSS, and with `-- --pairs N` the
# RSS once N pairs of connections (2N peers) have their channels open.
extends SceneTree

const Args = preload("res://args.gd")
const Status = preload("res://proc_status.gd")

var pairs := []
var want := 0
var frames := 0
var idle_rss := 0


func _initialize() -> void:
	print("startup: script_usec %d" % Time.get_ticks_usec())
	want = int(Args.parse().get("pairs", "0"))
	if ClassDB.class_exists("WebRTCPeerConnectionJava"):
		var t := Time.get_ticks_usec()
		var pc := WebRTCPeerConnection.new()
		var err := pc.initialize({})
		print("startup: ready_usec %d err %d" % [Time.get_ticks_usec() - t, err])
		pc.close()
	else:
		want = 0


func _connect_pair() -> Array:
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


func _process(_delta: float) -> bool:
	frames += 1
	if frames == 120:
		idle_rss = Status.kib("VmRSS")
		print("startup: idle_rss_kib %d" % idle_rss)
		if want == 0:
			quit(0)
			return false
		for i in want:
			pairs.append(_connect_pair())
	if frames <= 120:
		return false
	var open := 0
	for p in pairs:
		p[0].poll()
		p[1].poll()
		if p[2].get_ready_state() == WebRTCDataChannel.STATE_OPEN and p[3].get_ready_state() == WebRTCDataChannel.STATE_OPEN:
			open += 1
	if open == want:
		print("startup: peers %d rss_kib %d" % [2 * want, Status.kib("VmRSS")])
		for p in pairs:
			p[0].close()
			p[1].close()
		quit(0)
	elif frames > 20000:
		printerr("startup: only %d of %d pairs connected" % [open, want])
		quit(1)
	return false
