# Signal handlers that call back into the object whose poll() emits them: remove_peer, close and
# dropping the last reference, inside poll(). Godot holds a Ref for the whole poll; so must we.
# Exits 0 when every handler ran and the objects kept working (a crash fails the test).
extends SceneTree

var mp1 # WebRTCMultiplayerPeerJava (a MultiplayerPeerExtension)
var mp2 # WebRTCMultiplayerPeerJava (a MultiplayerPeerExtension)
var mp3 # WebRTCMultiplayerPeerJava (a MultiplayerPeerExtension)
var mp4 # WebRTCMultiplayerPeerJava (a MultiplayerPeerExtension)
var mp5 # WebRTCMultiplayerPeerJava (a MultiplayerPeerExtension)
var mp6 # WebRTCMultiplayerPeerJava (a MultiplayerPeerExtension)
var removed_in_poll := false
var closed_in_poll := false
var freed_in_connection_poll := false
var frames := 0


# Two mesh peers joined by one connection each; the script keeps no reference to the connections,
# so removing a peer frees its connection (while that connection may be emitting).
func pair(a, id_a: int, b, id_b: int) -> Array:
	a.create_mesh(id_a)
	b.create_mesh(id_b)
	var pa := WebRTCPeerConnection.new()
	var pb := WebRTCPeerConnection.new()
	pa.session_description_created.connect(pa.set_local_description)
	pa.session_description_created.connect(pb.set_remote_description)
	pb.session_description_created.connect(pb.set_local_description)
	pb.session_description_created.connect(pa.set_remote_description)
	pa.ice_candidate_created.connect(pb.add_ice_candidate)
	pb.ice_candidate_created.connect(pa.add_ice_candidate)
	a.add_peer(pa, id_b)
	b.add_peer(pb, id_a)
	pa.create_offer()
	return [pa, pb]


func _initialize() -> void:
	# Each scenario on a pair of its own, so that one handler's removal cannot starve another.
	mp1 = WebRTCMultiplayerPeerJava.new()
	mp2 = WebRTCMultiplayerPeerJava.new()
	print("reentrant: class ", mp1.get_class())
	pair(mp1, 1, mp2, 2)
	mp1.peer_connected.connect(func(id):
		mp1.remove_peer(id) # frees the connection and channels of the peer being announced
		removed_in_poll = not mp1.has_peer(id))
	mp3 = WebRTCMultiplayerPeerJava.new()
	mp4 = WebRTCMultiplayerPeerJava.new()
	pair(mp3, 3, mp4, 4)
	mp4.peer_connected.connect(func(_id):
		mp4.close()
		mp4 = null # the last script reference, dropped inside mp4's own poll
		closed_in_poll = true)
	mp5 = WebRTCMultiplayerPeerJava.new()
	mp6 = WebRTCMultiplayerPeerJava.new()
	var conns := pair(mp5, 5, mp6, 6)
	# Emitted from mp5.poll() through its connection's poll: removing the peer frees that very
	# connection while it emits.
	conns[0].ice_candidate_created.connect(func(_m, _i, _n):
		if not freed_in_connection_poll:
			mp5.remove_peer(6)
			freed_in_connection_poll = true)
	conns.clear()


func _process(_delta: float) -> bool:
	frames += 1
	for mp in [mp1, mp2, mp3, mp4, mp5, mp6]:
		if mp != null:
			mp.poll()
	if removed_in_poll and closed_in_poll and freed_in_connection_poll:
		# Still usable after all that.
		if mp1.get_peers().size() != 0 or mp1.get_connection_status() != MultiplayerPeer.CONNECTION_CONNECTED:
			printerr("reentrant: mp1 is in a wrong state afterwards")
			quit(1)
			return true
		print("reentrant: ok")
		for mp in [mp1, mp2, mp3, mp5, mp6]:
			mp.close()
		quit(0)
		return true
	if frames > 3000:
		printerr("reentrant: timed out (removed %s, closed %s, freed %s)" % [removed_in_poll, closed_in_poll, freed_in_connection_poll])
		quit(1)
		return true
	return false
