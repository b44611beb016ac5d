# A player's game traffic in the session soak (soak/session.gd): the `@rpc` calls, and the counts
# that prove no reliable call was lost or reordered. Reliable calls to a peer are numbered from 0
# per pair; the goodbye of a pair ("bye", with the number sent) checks the other end's count.
extends Node

const MAX_FAIL_LINES := 20

var entities := 8
var my_id := 0
var host := false
var world := 0
var sent_to := {} # peer id -> reliable calls sent to it
var got_from := {} # peer id -> reliable calls received from it, in order
var bye_sent := {} # peer id -> true once we said goodbye to it (no more calls to it)
var bye_got := {} # peer id -> true once it said goodbye to us
var leaving := false
var finished := false
var frames := 0
var totals := {"sent": 0, "got": 0, "unreliable": 0, "world_syncs_sent": 0, "peers_met": 0, "fails": 0}


func start(id: int, is_host: bool, world_size: int) -> void:
	my_id = id
	host = is_host
	world = world_size
	sent_to.clear()
	got_from.clear()
	bye_sent.clear()
	bye_got.clear()
	leaving = false
	if not multiplayer.peer_connected.is_connected(_on_connected):
		multiplayer.peer_connected.connect(_on_connected)
		multiplayer.peer_disconnected.connect(_on_disconnected)


func _fail(what: String) -> void:
	totals["fails"] += 1
	if totals["fails"] <= MAX_FAIL_LINES:
		print("soak: FAIL %d: %s" % [my_id, what])


func _on_connected(id: int) -> void:
	sent_to[id] = 0
	got_from[id] = 0
	totals["peers_met"] += 1
	if leaving:
		_say_bye(id) # met on the way out
	elif host:
		# The world sync: everything a joining player needs, in one frame.
		for i in world:
			_reliable(id, "entity %d" % i)
		totals["world_syncs_sent"] += 1


func _on_disconnected(id: int) -> void:
	if not bye_got.has(id):
		_fail("peer %d left without a goodbye (after %d calls from it)" % [id, got_from.get(id, 0)])
	sent_to.erase(id)
	got_from.erase(id)
	bye_sent.erase(id)
	bye_got.erase(id)


func _reliable(to: int, text: String) -> void:
	var err := rpc_id(to, &"rel", sent_to[to], text)
	if err != OK:
		_fail("rpc_id(%d, rel) refused: %s" % [to, error_string(err)])
	sent_to[to] += 1
	totals["sent"] += 1


## One frame of play: a reliable call and our entities' positions to each peer still playing
## (not to one saying goodbye: its connection may close any moment, as a game stops sending
## to a player who left).
func frame() -> void:
	frames += 1
	if leaving:
		return
	for id in sent_to.keys():
		if not bye_sent.has(id):
			_reliable(id, "tick %d" % frames)
			for e in entities:
				rpc_id(id, &"pos", e, frames * 0.5, e * 2.0)


@rpc("any_peer", "call_remote", "reliable")
func rel(seq: int, _text: String) -> void:
	var from := multiplayer.get_remote_sender_id()
	if not got_from.has(from):
		_fail("a reliable call from %d before it connected" % from)
		return
	if seq != got_from[from]:
		_fail("reliable call %d from %d arrived when %d was due (lost or reordered)" % [seq, from, got_from[from]])
	got_from[from] = seq + 1
	totals["got"] += 1


@rpc("any_peer", "call_remote", "unreliable")
func pos(_entity: int, _x: float, _y: float) -> void:
	totals["unreliable"] += 1


@rpc("any_peer", "call_remote", "reliable")
func bye(count: int) -> void:
	var from := multiplayer.get_remote_sender_id()
	if got_from.get(from, -1) != count:
		_fail("peer %d sent %d reliable calls, %d arrived" % [from, count, got_from.get(from, -1)])
	bye_got[from] = true
	_say_bye(from)


@rpc("any_peer", "call_remote", "reliable")
func end() -> void:
	finished = true


func _say_bye(to: int) -> void:
	if not bye_sent.has(to):
		bye_sent[to] = true
		rpc_id(to, &"bye", sent_to.get(to, 0))


## We go: goodbye to everyone, with the count we sent each.
func goodbye() -> void:
	leaving = true
	for id in sent_to.keys():
		_say_bye(id)


## The host ends the session for everyone.
func finish() -> void:
	if not finished:
		rpc(&"end")
		finished = true


func all_counts_in() -> bool:
	return missing_counts().is_empty()


func missing_counts() -> Array:
	return sent_to.keys().filter(func(id): return not bye_got.has(id))


func report() -> void:
	print("soak: done id %d sent %d got %d unreliable %d world_syncs_sent %d peers_met %d fails %d" % [
		my_id, totals["sent"], totals["got"], totals["unreliable"], totals["world_syncs_sent"], totals["peers_met"], totals["fails"]])
