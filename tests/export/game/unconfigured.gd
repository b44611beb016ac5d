# The exported game when WebRTC (Java) could not start (`-- --unconfigured`): every method of the
# three classes is called once and prints what it answered ("unconfigured: <call> = <value>"),
# then SceneMultiplayer runs over our peer and over Godot's own WebRTCMultiplayerPeer (whose
# connections are ours) for FRAMES frames, and the game quits with 0. ExportedGameTest checks the
# values against Godot's unconfigured objects and that the output holds a bounded number of errors.
extends SceneTree

const FRAMES := 120

var frames := 0
var scene := SceneMultiplayer.new()
var godot_peer := WebRTCMultiplayerPeer.new()


func show(call_text: String, value: Variant) -> void:
	print("unconfigured: %s = %s" % [call_text, var_to_str(value)])


# Each call is [method, arguments...]; prints "<prefix><method> = <answer>".
func show_calls(prefix: String, object: Object, calls: Array) -> void:
	for c: Array in calls:
		show(prefix + c[0], object.callv(c[0], c.slice(1)))


func _initialize() -> void:
	var pc := WebRTCPeerConnection.new()
	show("pc class", pc.get_class())
	show_calls("pc.", pc, [["initialize", {}], ["create_offer"], ["set_local_description", "offer", "v=0"],
			["set_remote_description", "offer", "v=0"], ["add_ice_candidate", "0", 0, "candidate"],
			["create_data_channel", "chat", {"negotiated": true, "id": 1}], ["poll"], ["get_connection_state"],
			["get_gathering_state"], ["get_signaling_state"], ["close"]])

	var dc := WebRTCDataChannelJava.new()
	dc.write_mode = WebRTCDataChannel.WRITE_MODE_TEXT
	show_calls("dc.", dc, [["get_ready_state"], ["put_packet", PackedByteArray([1, 2, 3])], ["get_packet"],
			["get_packet_error"], ["get_available_packet_count"], ["poll"], ["get_label"], ["get_protocol"], ["get_id"],
			["is_ordered"], ["is_negotiated"], ["get_max_packet_life_time"], ["get_max_retransmits"],
			["get_buffered_amount"], ["was_string_packet"], ["get_write_mode"], ["close"]])

	var mp := WebRTCMultiplayerPeerJava.new()
	mp.refuse_new_connections = true
	mp.transfer_channel = 1
	show_calls("mp.", mp, [["create_mesh", 1], ["create_server"], ["create_client", 2], ["initialize", 1, true],
			["add_peer", WebRTCPeerConnection.new(), 2], ["has_peer", 2], ["get_peer", 2], ["get_peers"],
			["get_connection_status"], ["get_unique_id"], ["get_available_packet_count"], ["put_packet", PackedByteArray([1])],
			["get_packet"], ["get_packet_peer"], ["get_packet_channel"], ["get_transfer_mode"], ["is_server_relay_supported"],
			["is_refusing_new_connections"], ["set_target_peer", 2], ["disconnect_peer", 2], ["remove_peer", 2], ["poll"], ["close"]])

	# As a game does: SceneMultiplayer over our peer (it refuses a disconnected one, once) ...
	get_multiplayer().multiplayer_peer = mp
	show("multiplayer peer", get_multiplayer().multiplayer_peer.get_class())
	# ... and over Godot's own WebRTCMultiplayerPeer, whose connections are ours.
	show("godot_peer.create_mesh", godot_peer.create_mesh(1))
	show("godot_peer.add_peer", godot_peer.add_peer(WebRTCPeerConnection.new(), 2))
	scene.multiplayer_peer = godot_peer
	show("godot scene status", godot_peer.get_connection_status())


func _process(_delta: float) -> bool:
	frames += 1
	scene.poll()
	if frames == FRAMES:
		show("godot_peer peers after frames", godot_peer.get_peers().keys())
		print("unconfigured: done after %d frames" % frames)
		quit(0)
	return false
