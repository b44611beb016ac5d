# Memory over a session, in one Godot process (pairs of connections linked to each other):
#   --case rss: 3 reliable channels each send 1,000 packets of 200 KiB, as a game streams a level
#     (keeping 8 MiB buffered per channel), the other end reads them all; prints the process's RSS
#     before, its peak during the burst, and the least of its samples 5 to 8 s after the last
#     packet was read.
#   --case flood: --pairs pairs; one end of each floods 200 KiB reliable packets, the other end
#     never reads, until a quarter of the connections were ended by the receive bounds (or
#     --seconds). The bounds must end connections, not exhaust the heap. Prints how many ended,
#     what is unread, and that the process is alive.
# Usage: godot --headless --path . -s res://burst/memory.gd -- --case rss
extends SceneTree

const Args = preload("res://args.gd")
const PACKET := 200 * 1024

var args := {}
var senders: Array[WebRTCDataChannel] = []
var receivers: Array[WebRTCDataChannel] = []
var pcs: Array[WebRTCPeerConnection] = []
var packet := PackedByteArray()
var sent := PackedInt32Array()
var got := PackedInt32Array()
var rss_before := 0
var rss_peak := 0
var rss_after := 1 << 62 # the least of the samples after the burst
var phase := "connecting"
var phase_ms := 0
var refusals := 0


func _initialize() -> void:
	args = Args.parse()
	packet.resize(PACKET)
	var pairs := int(args.get("pairs", "1"))
	var channels := 3 if args.get("case", "rss") == "rss" else 1
	for p in pairs:
		var a := WebRTCPeerConnection.new()
		var b := WebRTCPeerConnection.new()
		for c in channels:
			senders.append(a.create_data_channel("c%d" % c, {"id": c + 1, "negotiated": true}))
			receivers.append(b.create_data_channel("c%d" % c, {"id": c + 1, "negotiated": true}))
			sent.append(0)
			got.append(0)
		a.session_description_created.connect(a.set_local_description)
		a.session_description_created.connect(b.set_remote_description)
		b.session_description_created.connect(b.set_local_description)
		b.session_description_created.connect(a.set_remote_description)
		a.ice_candidate_created.connect(b.add_ice_candidate)
		b.ice_candidate_created.connect(a.add_ice_candidate)
		pcs.append_array([a, b])
	phase_ms = Time.get_ticks_msec()


static func rss_kib() -> int:
	var f := FileAccess.open("/proc/self/status", FileAccess.READ) # its length reads 0: by lines
	while f and not f.eof_reached():
		var line := f.get_line()
		if line.begins_with("VmRSS:"):
			return int(line.split(":")[1].strip_edges().split(" ")[0])
	return -1


# Pairs connect a few at a time: 80 connections negotiating at once on a loaded 2-core machine
# did not all open within minutes.
const CONNECTING_AT_ONCE := 4


func _all_open() -> bool:
	var open := 0
	var offered := 0
	for p in pcs.size() / 2:
		var a := pcs[2 * p]
		if a.get_signaling_state() != WebRTCPeerConnection.SIGNALING_STATE_STABLE or a.has_meta("offered"):
			offered += 1
	for ch in senders + receivers:
		if ch.get_ready_state() == WebRTCDataChannel.STATE_OPEN:
			open += 1
	var channels_per_pair := (senders.size() + receivers.size()) / (pcs.size() / 2)
	var pending := offered - open / channels_per_pair
	for p in pcs.size() / 2:
		if pending >= CONNECTING_AT_ONCE:
			break
		if not pcs[2 * p].has_meta("offered"):
			pcs[2 * p].set_meta("offered", true)
			pcs[2 * p].create_offer()
			pending += 1
	return open == senders.size() + receivers.size()


func _process(_delta: float) -> bool:
	for pc in pcs:
		pc.poll()
	var now := Time.get_ticks_msec()
	match phase:
		"connecting":
			if _all_open():
				phase = "settle"
				phase_ms = now
			elif now - phase_ms > 180000:
				return _finish(1, "channels did not open")
		"settle": # a second for the start's own memory to settle
			if now - phase_ms > 1000:
				rss_before = rss_kib()
				phase = "sending"
				phase_ms = now
		"sending":
			if args.get("case", "rss") == "rss":
				rss_peak = maxi(rss_peak, rss_kib())
				_rss_step()
			else:
				_flood_step(now)
		"after": # the least of the samples 5 to 8 s after: a reading, not a moment's allocation
			if now - phase_ms > 5000:
				rss_after = mini(rss_after, rss_kib())
			if now - phase_ms > 8000:
				print("memory: RSS before %d KiB, peak %+d KiB, 5-8 s after the burst %d KiB (%+d KiB), %d refusals" % [rss_before, rss_peak - rss_before, rss_after, rss_after - rss_before, refusals])
				return _finish(0, "done")
	if now - phase_ms > 300000:
		return _finish(1, "timed out in phase %s: sent %s, got %s" % [phase, sent, got])
	return false


func _rss_step() -> void:
	var done := true
	for i in senders.size():
		while sent[i] < 1000 and senders[i].get_buffered_amount() < 8 * 1024 * 1024:
			if senders[i].put_packet(packet) != OK:
				refusals += 1
				break
			sent[i] += 1
		while receivers[i].get_available_packet_count() > 0:
			if receivers[i].get_packet().size() != PACKET:
				_finish(1, "a packet lost its size")
			got[i] += 1
		done = done and got[i] == 1000
	if done:
		phase = "after"
		phase_ms = Time.get_ticks_msec()


func _flood_step(now: int) -> void:
	var ended := 0
	var unread := 0
	for pc in pcs:
		if pc.get_connection_state() != WebRTCPeerConnection.STATE_CONNECTED:
			ended += 1
	for ch in receivers:
		unread += ch.get_available_packet_count() * PACKET
	# Until the flood filled the process's receive bound several times over (connections ended),
	# or --seconds.
	if ended >= pcs.size() / 4 or now - phase_ms > int(args.get("seconds", "90")) * 1000:
		print("memory: after %d s of flooding the process is alive; %d of %d connections were ended by the bounds; %d MiB unread; RSS %d KiB" % [(now - phase_ms) / 1000, ended, pcs.size(), unread / 1048576, rss_kib()])
		_finish(0, "done")
		return
	for ch in senders:
		if ch.get_ready_state() != WebRTCDataChannel.STATE_OPEN:
			continue
		while ch.get_buffered_amount() < 2 * 1024 * 1024: # 40 of them stay under the process's send bound
			if ch.put_packet(packet) != OK:
				break


func _finish(code: int, why: String) -> bool:
	print("memory: %s (%d)" % [why, code])
	for pc in pcs:
		pc.close()
	quit(code)
	return true
