# One Godot 3 player: joins the line lobby, connects to every other player through Godot 3's own
# WebRTCMultiplayer (over our WebRTCPeerConnection), sends an rpc and an rset to each, and leaves:
# peer 1 close()s first, the others see it go; with three players the last also remove_peer()s the
# second. Whoever sees a peer go tells it through the lobby, and the peer that closed or removed
# waits for that before it exits: close() and remove_peer() themselves end the connections (the
# script holds none), not the end of the process. Exits 0 once all of that happened.
#   --compat true: initialize(id, true) (peer 1 is the server: connection_succeeded,
#   server_disconnected); else initialize(id) (a mesh, connected at once).
# Usage: godot3 --path . -s res://peer.gd -- --port P --name Ada --peers 2 [--compat true]
extends SceneTree

const Args = preload("res://args.gd")
const Signalling = preload("res://signalling.gd")

var lobby = Signalling.new()
var mp = WebRTCMultiplayer.new()
var compat = false
var chat
var my_name = "peer"
var my_id = 0
var expected = 2
var heard = {}
var shouted = {}
var finished = {}
var said_done = false
var leaving = false
var gone = []
# With server_compatibility a client meets the other clients only once connected to the server:
# a peer it holds back still delivers packets, and Godot 3's MultiplayerAPI forgets the RPC path
# cache of a peer when it finally announces it, so an RPC sent in between could be lost.
var later = []
var awaiting_saw = 0 # how many peers must tell us they saw us leave
var saw = 0
var left = false
var removing = false
var close_at = -1
var exit_at = -1
var started = OS.get_ticks_msec()


func _initialize():
	var args = Args.parse()
	my_name = args.get("name", "peer")
	expected = int(args.get("peers", "2"))
	compat = args.get("compat", "false") == "true"
	chat = preload("res://chat.gd").new()
	chat.name = "Chat"
	root.add_child(chat)
	chat.connect("heard", self, "_on_heard")
	chat.connect("shouted", self, "_on_shouted")
	chat.connect("done", self, "_on_done")
	for sig in ["network_peer_connected", "network_peer_disconnected"]:
		connect(sig, self, "_on_tree_id", [sig])
	for sig in ["connected_to_server", "server_disconnected", "connection_failed"]:
		connect(sig, self, "_on_tree", [sig])
	for sig in ["peer_connected", "peer_disconnected"]:
		mp.connect(sig, self, "_on_mp_id", [sig])
	for sig in ["connection_succeeded", "server_disconnected"]:
		mp.connect(sig, self, "_on_mp", [sig])
	lobby.connect("message", self, "_on_signal")
	var err = lobby.connect_to(int(args.get("port", "0")))
	if err != OK:
		_fail("cannot reach the lobby (error %d)" % err)


func say(text):
	print("%s: %s" % [my_name, text])


func _new_connection(peer_id):
	var pc = WebRTCPeerConnection.new()
	pc.initialize({"iceServers": []})
	pc.connect("session_description_created", self, "_on_sdp", [peer_id])
	pc.connect("ice_candidate_created", self, "_on_ice", [peer_id])
	var err = mp.add_peer(pc, peer_id)
	if err != OK:
		_fail("add_peer(%d) failed: %d" % [peer_id, err])
	return pc


# The connection is found through the multiplayer peer: a reference held by the script (or by a
# signal's binds) would keep it open after close() or remove_peer().
func _on_sdp(type, sdp, peer_id):
	mp.get_peer(peer_id)["connection"].set_local_description(type, sdp)
	lobby.send(peer_id, {"type": type, "sdp": sdp})


func _on_ice(media, index, name, peer_id):
	lobby.send(peer_id, {"type": "candidate", "media": media, "index": index, "name": name})


func _on_signal(from, msg):
	match msg["type"]:
		"welcome":
			my_id = int(msg["id"])
			var err = mp.initialize(my_id, compat)
			if err != OK:
				_fail("initialize(%d, %s) failed: %d" % [my_id, compat, err])
				return
			network_peer = mp
			say("I am peer %d (server_compatibility=%s, status=%d, is_network_server=%s)" % [my_id, compat, mp.get_connection_status(), is_network_server()])
			for other in msg["peers"]:
				if compat and my_id != 1 and int(other) != 1:
					later.append(int(other))
				else:
					_new_connection(int(other)).create_offer()
		"offer":
			_new_connection(from).set_remote_description("offer", msg["sdp"])
		"answer":
			mp.get_peer(from)["connection"].set_remote_description("answer", msg["sdp"])
		"candidate":
			mp.get_peer(from)["connection"].add_ice_candidate(msg["media"], int(msg["index"]), msg["name"])
		"saw_leave":
			saw += 1
			say("peer %d saw me leave" % from)


func _on_tree_id(id, what):
	say("tree.%s %d" % [what, id])
	if what == "network_peer_connected":
		var d = mp.get_peer(id)
		say("get_peer(%d): connected=%s channels=%d connection_state=%d" % [id, d["connected"], d["channels"].size(), d["connection"].get_connection_state()])
		chat.rpc_id(id, "hear", "hello from %s" % my_name)
		chat.rset_id(id, "shout", "shout from %s" % my_name)
	elif leaving:
		if not removing:
			lobby.send(id, {"type": "saw_leave"})
		gone.append(id) # acted on in _idle, once the engine finished emitting this round


func _on_tree(what):
	say("tree.%s" % what)


func _on_mp_id(id, what):
	say("mp.%s %d" % [what, id])


func _on_mp(what):
	say("mp.%s (status=%d)" % [what, mp.get_connection_status()])
	if what == "connection_succeeded":
		for other in later:
			_new_connection(other).create_offer()
		later.clear()


func _on_heard(from, text):
	say("rpc from peer %d: '%s'" % [from, text])
	heard[from] = text
	_maybe_done()


func _on_shouted(from, text):
	say("rset from peer %d: '%s'" % [from, text])
	shouted[from] = text
	_maybe_done()


func _maybe_done():
	if heard.size() == expected - 1 and shouted.size() == expected - 1 and not said_done:
		said_done = true
		var keys = mp.get_peers().keys()
		keys.sort()
		say("get_peers %s" % [keys])
		chat.rpc("finished")
		_maybe_leave()


func _on_done(from):
	finished[from] = true
	_maybe_leave()


# Everyone heard everyone: peer 1 closes (after its last packets left); the others wait for it.
func _maybe_leave():
	if said_done and finished.size() == expected - 1 and not leaving:
		leaving = true
		say("all done")
		if my_id == 1:
			close_at = OS.get_ticks_msec() + 500


func _leave_step():
	if gone.has(1) and my_id == expected and expected > 2:
		gone.clear()
		removing = true # our own remove_peer's signal is not news for that peer
		for id in mp.get_peers().keys():
			mp.remove_peer(id)
			awaiting_saw += 1
			say("remove_peer(%d): has_peer=%s" % [id, mp.has_peer(id)])
		removing = false
	gone.clear()
	if mp.get_peers().empty() and not left:
		left = true
		say("left, status=%d" % mp.get_connection_status())


func _fail(why):
	printerr("%s: FAILED: %s" % [my_name, why])
	quit(1)


func _idle(_delta):
	lobby.poll()
	# Godot 3's MultiplayerAPI stops polling a DISCONNECTED peer (as after server_disconnected);
	# the mesh left behind must still see its other peers go.
	if leaving and mp.get_connection_status() == NetworkedMultiplayerPeer.CONNECTION_DISCONNECTED and close_at < 0 and not left:
		mp.poll()
	if not gone.empty():
		_leave_step()
	if close_at > 0 and OS.get_ticks_msec() >= close_at:
		close_at = -1
		mp.close()
		awaiting_saw = expected - 1
		left = true
		say("closed, status=%d" % mp.get_connection_status())
	if left and saw >= awaiting_saw and exit_at < 0:
		exit_at = OS.get_ticks_msec() + 300 # the lobby message out before the process ends
	if exit_at > 0 and OS.get_ticks_msec() >= exit_at:
		network_peer = null
		lobby.close()
		say("ok")
		quit(0)
	elif OS.get_ticks_msec() - started > 45000:
		_fail("timed out: heard %s, shouted %s, finished %s, status %d, seen leaving by %d of %d" % [
				heard.keys(), shouted.keys(), finished.keys(), mp.get_connection_status(), saw, awaiting_saw])
	return false
