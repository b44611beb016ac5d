# What every parity scenario shares: multiplayer peers of the implementation under test
# (Godot's WebRTCMultiplayerPeer or WebRTCMultiplayerPeerJava), WebRTCPeerConnections linked
# in-process, manual polling, and the transcript ParityTest compares between the two
# implementations. Transcript lines start with "T| "; anything else printed is for humans.
#
# Determinism: a transcript line must not depend on network timing. Signals are buffered per
# multiplayer peer and written only at checkpoints (flush), after waiting for a state both
# implementations must reach; packets are read only once all expected ones have arrived.
extends RefCounted

const TIMEOUT_MSEC := 20000

var tree: SceneTree
var impl := ""
var peers := {} # name -> multiplayer peer; polled in this order
var events := {} # name -> signals received since the last flush
var connections: Array[WebRTCPeerConnection] = []
var polling := {} # name -> false while a scenario keeps that multiplayer peer unpolled


func setup(scene_tree: SceneTree, implementation: String) -> void:
	tree = scene_tree
	impl = implementation


func t(line: String) -> void:
	print("T| ", line)


## Stops the run with exit code 1; never returns (the process quits at the end of this frame).
func fail(why: String) -> void:
	printerr("parity: FAILED: ", why)
	tree.quit(1)
	await tree.create_timer(3600).timeout


## A new, not yet created, multiplayer peer of the implementation under test.
func new_peer():
	return WebRTCMultiplayerPeer.new() if impl == "builtin" else WebRTCMultiplayerPeerJava.new()


## A multiplayer peer whose signals are recorded under `name` and which step() polls.
func make(name: String):
	var mp = new_peer()
	peers[name] = mp
	events[name] = []
	polling[name] = true
	record_signals(mp, name)
	return mp


## Records the multiplayer signals `source` has (a multiplayer peer, or a SceneMultiplayer) under
## `name`, with `prefix` before each. Bound methods rather than lambdas: a lambda would hold this
## scenario, which holds the peers, and the cycle would outlive the run.
func record_signals(source: Object, name: String, prefix := "") -> void:
	for sig in ["peer_connected", "peer_disconnected"]:
		source.connect(sig, _record_id.bind(name, prefix + sig))
	# SceneMultiplayer has the last two, our class alone Godot 3's first two: recorded wherever
	# they exist, so that a stray one would show.
	for sig in ["connection_succeeded", "server_disconnected", "connected_to_server", "connection_failed"]:
		if source.has_signal(sig):
			source.connect(sig, _record.bind(name, prefix + sig))


func _record_id(id: int, name: String, what: String) -> void:
	_record(name, "%s %d" % [what, id])


func _record(name: String, what: String) -> void:
	print("   [", name, "] ", what) # for humans: when it happened
	events[name].append(what)


## Stops polling and logging a multiplayer peer a scenario is done with.
func retire(name: String) -> void:
	peers.erase(name)
	events.erase(name)
	polling.erase(name)


## Writes the signals `name` received since the last flush, in emission order.
func flush(name: String) -> void:
	t("%s signals: %s" % [name, ", ".join(events[name]) if events[name].size() > 0 else "none"])
	events[name] = []


func flush_all() -> void:
	for name in events:
		flush(name)


## A fresh connection, polled by step() until closed.
func connection() -> WebRTCPeerConnection:
	var pc := WebRTCPeerConnection.new()
	connections.append(pc)
	return pc


## Two fresh connections whose descriptions and candidates go straight to each other.
func linked_pair() -> Array[WebRTCPeerConnection]:
	var a := connection()
	var b := connection()
	a.session_description_created.connect(a.set_local_description)
	a.session_description_created.connect(b.set_remote_description)
	b.session_description_created.connect(b.set_local_description)
	b.session_description_created.connect(a.set_remote_description)
	a.ice_candidate_created.connect(b.add_ice_candidate)
	b.ice_candidate_created.connect(a.add_ice_candidate)
	return [a, b]


## Adds a linked pair to two multiplayer peers (a knows b as b_id and b knows a as a_id), logs
## both add_peer results and starts the negotiation. Returns the pair.
func join(a: String, a_id: int, b: String, b_id: int) -> Array[WebRTCPeerConnection]:
	var pair := linked_pair()
	code("%s.add_peer(pc, %d)" % [a, b_id], peers[a].add_peer(pair[0], b_id))
	code("%s.add_peer(pc, %d)" % [b, a_id], peers[b].add_peer(pair[1], a_id))
	pair[0].create_offer()
	return pair


## One frame: the connections' own signals (signalling), then each polled multiplayer peer.
func step() -> void:
	await tree.process_frame
	for pc in connections:
		if pc.get_connection_state() != WebRTCPeerConnection.STATE_CLOSED:
			pc.poll()
	for name in peers:
		if polling[name]:
			peers[name].poll()


## Steps until cond() holds; a run that never gets there fails (no transcript line depends on
## how many frames it took).
func until(cond: Callable, what: String) -> void:
	var deadline := Time.get_ticks_msec() + TIMEOUT_MSEC
	while not cond.call():
		if Time.get_ticks_msec() > deadline:
			await fail("timed out waiting for " + what)
		await step()


## A new mesh peer `name` (id `id`) joined to peers[to] (as id 1 there), once both saw it connect.
## One at a time: peers joined together may connect in either order.
func connect_new(to: String, name: String, id: int) -> void:
	code("%s.create_mesh(%d)" % [name, id], make(name).create_mesh(id))
	join(to, 1, name, id)
	await until_signals({to: ["peer_connected %d" % id], name: ["peer_connected 1"]})


## Steps until every listed peer received the listed signals (in any order), then flushes all.
func until_signals(expected: Dictionary) -> void:
	var arrived := func() -> bool:
		for name in expected:
			for sig in expected[name]:
				if not events[name].has(sig):
					return false
		return true
	await until(arrived, "signals %s" % [expected])
	flush_all()


## Steps until every channel of peers[name]'s connection to `id` is open, as seen from the
## channel objects themselves (the multiplayer peer may be left unpolled meanwhile).
func until_channels_open(name: String, id: int) -> void:
	var open := func() -> bool:
		var d: Dictionary = peers[name].get_peer(id)
		if d.is_empty() or d["connection"].get_connection_state() != WebRTCPeerConnection.STATE_CONNECTED:
			return false
		for ch in d["channels"]:
			if ch.get_ready_state() != WebRTCDataChannel.STATE_OPEN:
				return false
		return true
	await until(open, "%s's channels to %d" % [name, id])


func code(label: String, err: int) -> void:
	t("%s -> %s" % [label, err_name(err)])


func err_name(err: int) -> String:
	return "OK" if err == OK else "%d (%s)" % [err, error_string(err)]


## The MultiplayerPeer view of one peer object.
func status(name: String) -> void:
	var mp = peers[name]
	t("%s: status=%d unique_id=%d relay=%s refusing=%s mode=%d channel=%d" % [
			name, mp.get_connection_status(), mp.get_unique_id(), mp.is_server_relay_supported(),
			mp.refuse_new_connections, mp.transfer_mode, mp.transfer_channel])


## get_peers(): its keys in order, then each entry as get_peer() describes it.
func peer_map(name: String) -> void:
	var all: Dictionary = peers[name].get_peers()
	t("%s: get_peers keys=%s" % [name, all.keys()])
	for id in all:
		describe(name, id, all[id])


## One entry of the peer map: the dictionary's keys, whether it holds the connection we added,
## "connected", and every channel's configuration.
func describe(name: String, id: int, d: Dictionary) -> void:
	var same := d.get("connection") is WebRTCPeerConnection and connections.has(d["connection"])
	t("%s: peer %d keys=%s connection_is_ours=%s connected=%s channels=%d" % [
			name, id, d.keys(), same, d.get("connected"), d.get("channels", []).size()])
	for ch in d.get("channels", []):
		t("%s:   %s" % [name, channel(ch)])


func channel(ch: WebRTCDataChannel) -> String:
	return "%s label=%s id=%d ordered=%s max_packet_life_time=%d max_retransmits=%d negotiated=%s protocol='%s'" % [
			ch.get_class(), ch.get_label(), ch.get_id(), ch.is_ordered(), ch.get_max_packet_life_time(),
			ch.get_max_retransmits(), ch.is_negotiated(), ch.get_protocol()]


## Leaves these multiplayer peers unpolled until read() reads at each: the packet to read next
## (peer and channel) is chosen when a poll finds packets, so a receiver must not be polled while
## packets to it are still arriving. Call before sending.
func hold(names: Array) -> void:
	for name in names:
		polling[name] = false


## Reads `count` packets at peers[name], logging who sent each, on which channel and mode, and
## its bytes, once all of them sit in its channels (see hold()).
func read(name: String, count: int) -> void:
	var mp = peers[name]
	polling[name] = false
	var arrived := func() -> bool:
		var queued := 0
		for d in mp.get_peers().values():
			for ch in d["channels"]:
				queued += ch.get_available_packet_count()
		return queued >= count
	await until(arrived, "%d packets at %s" % [count, name])
	mp.poll()
	polling[name] = true
	t("%s: available=%d next: peer=%d channel=%d mode=%d" % [
			name, mp.get_available_packet_count(), mp.get_packet_peer(), mp.get_packet_channel(), mp.get_packet_mode()])
	while mp.get_available_packet_count() > 0:
		var from: int = mp.get_packet_peer()
		var ch: int = mp.get_packet_channel()
		var mode: int = mp.get_packet_mode()
		var bytes: PackedByteArray = mp.get_packet()
		t("%s: packet from=%d channel=%d mode=%d %s error=%s" % [name, from, ch, mode, shown(bytes), err_name(mp.get_packet_error())])
	t("%s: drained, next peer=%d" % [name, mp.get_packet_peer()])


## A packet as the transcript shows it: its text, or its size and hash when long.
func shown(bytes: PackedByteArray) -> String:
	if bytes.size() <= 64:
		return "'%s'" % bytes.get_string_from_utf8()
	var ctx := HashingContext.new()
	ctx.start(HashingContext.HASH_SHA256)
	ctx.update(bytes)
	return "<%d bytes, sha256 %s>" % [bytes.size(), ctx.finish().hex_encode().left(16)]


## Sends `text` from peers[name] with the given target, mode and channel, logging the result.
func send(name: String, target: int, mode: int, ch: int, text: String) -> void:
	var mp = peers[name]
	mp.set_target_peer(target)
	mp.transfer_mode = mode
	mp.transfer_channel = ch
	code("%s.put_packet('%s') target=%d mode=%d channel=%d" % [name, text, target, mode, ch],
			mp.put_packet(text.to_utf8_buffer()))
