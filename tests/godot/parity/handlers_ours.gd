# Signal handlers acting on the object whose poll emits them, where Godot's own classes differ
# from one another or go wrong, so ours follows the sound one: ParityTest checks this transcript
# against handlers_ours.expected (docs/parity.md says what Godot's WebRTCMultiplayerPeer does).
#
# - Two peers lost in one poll, and the first one's peer_disconnected handler adds the second id
#   back with a fresh connection: the new peer stays and connects; the old one is reported gone.
#   (Godot's class removes the new peer in that same poll and never reports the old one.)
# - A handler that closes the multiplayer peer ends the batch: no signal follows for a peer of the
#   closed session. (Godot's class prints an error for each removal left, and emits the
#   peer_connected left.)
# - A handler that closes or re-initializes a WebRTCPeerConnection ends that poll's batch of the
#   connection's signals, as webrtc-native drops its queue on close().
extends "res://parity/rig.gd"

var s # the mesh peer (id 1) the handlers act on
var kept := [] # channels of the connections below: a channel nobody holds closes


func run() -> void:
	if impl != "java":
		await fail("handlers_ours runs with --impl java only")
	s = make("S")
	code("S.create_mesh(1)", s.create_mesh(1))
	await readded_while_its_removal_is_pending()
	await closed_while_removing()
	await closed_while_announcing()
	await connection_closed_while_emitting(false)
	await connection_closed_while_emitting(true)


## Fresh mesh peers B (2) and C (3) joined to S: connected one at a time, or, `unpolled`, joined
## together and left for S's next poll once every channel is open.
func connect_fresh(unpolled := false) -> void:
	polling["S"] = not unpolled
	if not unpolled:
		await connect_new("S", "B", 2)
		await connect_new("S", "C", 3)
		return
	for name in ["B", "C"]:
		var id: int = {"B": 2, "C": 3}[name]
		code("%s.create_mesh(%d)" % [name, id], make(name).create_mesh(id))
		join("S", 1, name, id)
	await until_channels_open("S", 2)
	await until_channels_open("S", 3)


## B and C close; S, unpolled, waits until it sees both gone, so that its next poll removes both.
func both_leave() -> void:
	polling["S"] = false
	peers["B"].close()
	peers["C"].close()
	await until(func() -> bool: return gone(2) and gone(3), "S's channels to B and C closed")
	retire("B")
	retire("C")


func gone(id: int) -> bool:
	for ch in s.get_peer(id)["channels"]:
		if ch.get_ready_state() != WebRTCDataChannel.STATE_OPEN:
			return true
	return false


func readded_while_its_removal_is_pending() -> void:
	await connect_fresh()
	t("-- B and C leave; one poll of S removes both; peer_disconnected(2) adds 3 back (D)")
	await both_leave()
	code("D.create_mesh(3)", make("D").create_mesh(3))
	var fresh := []
	var readd := func(id: int) -> void:
		if id == 2:
			fresh.append(join("S", 1, "D", 3)[0])
	s.peer_disconnected.connect(readd)
	s.poll()
	s.peer_disconnected.disconnect(readd)
	flush("S")
	var entry: Dictionary = s.get_peer(3)
	t("S: keys=%s peer 3 is D's fresh connection=%s channels=%d" % [
			s.get_peers().keys(), entry.get("connection") == fresh[0], entry.get("channels", []).size()])
	polling["S"] = true
	await until_signals({"S": ["peer_connected 3"], "D": ["peer_connected 1"]})
	hold(["S"])
	send("D", 1, MultiplayerPeer.TRANSFER_MODE_RELIABLE, 0, "D as 3")
	await read("S", 1)
	peers["D"].close()
	await until_signals({"S": ["peer_disconnected 3"]})
	retire("D")


func closed_while_removing() -> void:
	await connect_fresh()
	t("-- B and C leave; one poll of S removes both; peer_disconnected(2) closes S")
	await both_leave()
	poll_closing_on(s.peer_disconnected)
	t("S: get_peers keys=%s" % [s.get_peers().keys()])
	code("S.create_mesh(1)", s.create_mesh(1))


func closed_while_announcing() -> void:
	t("-- B and C connect; one poll of S announces both; peer_connected(2) closes S")
	await connect_fresh(true)
	poll_closing_on(s.peer_connected)
	await until_signals({"B": ["peer_disconnected 1"], "C": ["peer_disconnected 1"]})
	retire("B")
	retire("C")
	polling["S"] = true


## Polls S once with a handler of `sig` that closes S, then writes S's signals and status.
func poll_closing_on(sig: Signal) -> void:
	var closing := func(_id: int) -> void: s.close()
	sig.connect(closing)
	s.poll()
	sig.disconnect(closing)
	flush("S")
	status("S")


## A connection whose candidates are all queued (gathering complete, not polled since) is polled
## once; the handler of its first ice_candidate_created closes it (or initializes it again). A
## second such connection, polled without a handler, shows the batch held more than one.
func connection_closed_while_emitting(initialize: bool) -> void:
	var what := "initialize()" if initialize else "close()"
	t("-- a connection's first ice_candidate_created handler calls %s" % what)
	var emitted := {"acting": 0, "control": 0}
	var acting: WebRTCPeerConnection = await gathered()
	var control: WebRTCPeerConnection = await gathered()
	await until(func() -> bool: return acting.get_gathering_state() == WebRTCPeerConnection.GATHERING_STATE_COMPLETE \
			and control.get_gathering_state() == WebRTCPeerConnection.GATHERING_STATE_COMPLETE, "gathering complete")
	acting.ice_candidate_created.connect(func(_m, _i, _n) -> void:
		emitted["acting"] += 1
		if initialize:
			acting.initialize()
		else:
			acting.close())
	control.ice_candidate_created.connect(func(_m, _i, _n) -> void: emitted["control"] += 1)
	acting.poll()
	control.poll()
	t("candidates emitted: after %s %d, without a handler more than one %s" % [what, emitted["acting"] - 1, emitted["control"] > 1])
	control.close()
	acting.close()


## A connection that applied its own offer and then was left unpolled: its candidates queue up.
func gathered() -> WebRTCPeerConnection:
	var pc := WebRTCPeerConnection.new()
	kept.append(pc.create_data_channel("d", {"negotiated": true, "id": 1}))
	pc.session_description_created.connect(pc.set_local_description)
	pc.create_offer()
	while pc.get_signaling_state() != WebRTCPeerConnection.SIGNALING_STATE_HAVE_LOCAL_OFFER:
		await tree.process_frame
		pc.poll()
	return pc
