# `make addon`'s CDS training (native/cds-train.sh): a game's session in one process, so the
# addon's CDS archive holds every class one loads. Two meshes of WebRTCMultiplayerPeerJava connect
# through a pair of WebRTCPeerConnection, exchange reliable, ordered and unreliable packets both
# ways, then close. Exits 0 once done, 1 on a failure or after 30 s.
extends SceneTree

const PACKETS := 8

const MODES := [MultiplayerPeer.TRANSFER_MODE_RELIABLE, MultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED,
		MultiplayerPeer.TRANSFER_MODE_UNRELIABLE]

var meshes := []
var got := [0, 0]
var sent := false


func _initialize() -> void:
	var pcs := []
	for id in [1, 2]:
		var mesh := WebRTCMultiplayerPeerJava.new()
		var pc := WebRTCPeerConnection.new()
		_check(mesh.create_mesh(id), "create_mesh")
		_check(pc.initialize({"iceServers": []}), "initialize")
		meshes.append(mesh)
		pcs.append(pc)
	for i in 2:
		var other: WebRTCPeerConnection = pcs[1 - i]
		pcs[i].session_description_created.connect(pcs[i].set_local_description)
		pcs[i].session_description_created.connect(other.set_remote_description)
		pcs[i].ice_candidate_created.connect(other.add_ice_candidate)
		_check(meshes[i].add_peer(pcs[i], 2 - i), "add_peer")
	_check(pcs[0].create_offer(), "create_offer")


func _check(err: int, what: String) -> void:
	if err != OK:
		printerr("cds training: %s failed with %d" % [what, err])
		quit(1)


func _connected() -> bool:
	for i in 2:
		var peer := 2 - i
		if not meshes[i].has_peer(peer) or not meshes[i].get_peer(peer)["connected"]:
			return false
	return true


func _process(_delta: float) -> bool:
	for i in 2:
		var mesh: WebRTCMultiplayerPeerJava = meshes[i]
		mesh.poll()
		while mesh.get_available_packet_count() > 0:
			mesh.get_packet()
			got[i] += 1
	if not sent and _connected():
		sent = true
		for i in 2:
			var mesh: WebRTCMultiplayerPeerJava = meshes[i]
			mesh.set_target_peer(2 - i)
			for n in PACKETS:
				mesh.transfer_mode = MODES[n % MODES.size()]
				_check(mesh.put_packet(PackedByteArray([n, i])), "put_packet")
	if got[0] >= PACKETS and got[1] >= PACKETS:
		for mesh in meshes:
			mesh.close()
		quit(0)
	elif Time.get_ticks_msec() > 30000:
		printerr("cds training: no exchange within 30 s (received %s of %d each)" % [got, PACKETS])
		quit(1)
	return false
