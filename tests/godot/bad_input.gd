# Calls every class of the extension with bad ids, in the wrong state or mode, and after close():
# each call must answer the Godot error Godot's own classes answer (and print why), never crash.
extends SceneTree

var failures := 0


func check(label: String, got, want) -> void:
	if (want == null and got != null) or (want != null and (typeof(got) != typeof(want) or got != want)):
		failures += 1
		printerr("bad_input: %s: got %s, want %s" % [label, got, want])
	else:
		print("bad_input: %s: %s" % [label, got])


func _initialize() -> void:
	var mp := WebRTCMultiplayerPeerJava.new()
	check("add_peer before create_*", mp.add_peer(WebRTCPeerConnection.new(), 2), ERR_UNCONFIGURED)
	check("put_packet before create_*", mp.put_packet(PackedByteArray([1])), ERR_UNCONFIGURED)
	check("status before create_*", mp.get_connection_status(), MultiplayerPeer.CONNECTION_DISCONNECTED)
	check("create_client(1)", mp.create_client(1), ERR_INVALID_PARAMETER)
	check("create_mesh(0)", mp.create_mesh(0), ERR_INVALID_PARAMETER)
	check("create_mesh(-5)", mp.create_mesh(-5), ERR_INVALID_PARAMETER)
	check("create_server([42])", mp.create_server([42]), ERR_INVALID_PARAMETER)
	check("create_server(['x'])", mp.create_server(["x"]), ERR_INVALID_PARAMETER)
	check("create_server()", mp.create_server(), OK)
	check("server id", mp.get_unique_id(), 1)
	check("add_peer(null)", mp.add_peer(null, 2), ERR_INVALID_PARAMETER)
	check("add_peer(foreign implementation)", mp.add_peer(WebRTCPeerConnectionExtension.new(), 2), ERR_INVALID_PARAMETER)
	check("server add_peer(id 1)", mp.add_peer(WebRTCPeerConnection.new(), 1), ERR_INVALID_PARAMETER)
	var closed := WebRTCPeerConnection.new()
	closed.close()
	check("add_peer(closed connection)", mp.add_peer(closed, 3), ERR_INVALID_PARAMETER)
	mp.refuse_new_connections = true
	check("add_peer while refusing", mp.add_peer(WebRTCPeerConnection.new(), 4), ERR_UNAUTHORIZED)
	mp.refuse_new_connections = false
	check("add_peer(ok)", mp.add_peer(WebRTCPeerConnection.new(), 5), OK)
	check("has_peer(5)", mp.has_peer(5), true)
	check("get_peer(5) keys", mp.get_peer(5).keys(), ["connection", "connected", "channels"])
	check("get_peer(5) channels", mp.get_peer(5)["channels"].size(), 3)
	check("get_peer(5) connected", mp.get_peer(5)["connected"], false)
	check("get_peer(5) channel class", mp.get_peer(5)["channels"][0].get_class(), "WebRTCDataChannelJava")
	check("get_peer(99)", mp.get_peer(99), {})
	check("has_peer(99)", mp.has_peer(99), false)
	mp.remove_peer(99)
	mp.set_target_peer(99)
	check("put_packet to unknown peer", mp.put_packet(PackedByteArray([1])), ERR_INVALID_PARAMETER)
	mp.set_target_peer(0)
	check("get_packet with nothing queued", mp.get_packet(), PackedByteArray())
	check("get_packet_error", mp.get_packet_error(), ERR_UNAVAILABLE)
	mp.remove_peer(5)
	check("has_peer after remove", mp.has_peer(5), false)
	mp.close()
	check("status after close", mp.get_connection_status(), MultiplayerPeer.CONNECTION_DISCONNECTED)
	check("put_packet after close", mp.put_packet(PackedByteArray([1])), ERR_UNCONFIGURED)

	var client := WebRTCMultiplayerPeerJava.new()
	check("create_client(7)", client.create_client(7), OK)
	check("client status", client.get_connection_status(), MultiplayerPeer.CONNECTION_CONNECTING)
	check("client add_peer(3)", client.add_peer(WebRTCPeerConnection.new(), 3), ERR_INVALID_PARAMETER)
	check("relay supported", client.is_server_relay_supported(), true)

	var pc := WebRTCPeerConnection.new()
	check("channel: negotiated without id", pc.create_data_channel("x", {"negotiated": true}), null)
	check("channel: id without negotiated", pc.create_data_channel("x", {"id": 3}), null)
	check("channel: both lifetimes", pc.create_data_channel("x", {"maxPacketLifeTime": 5, "maxRetransmits": 2}), null)
	var first := pc.create_data_channel("first", {"negotiated": true, "id": 1})
	check("channel: negotiated id in use", pc.create_data_channel("again", {"negotiated": true, "id": 1}), null)
	var twice := WebRTCMultiplayerPeerJava.new()
	twice.create_mesh(1)
	var shared := WebRTCPeerConnection.new()
	check("add_peer(connection)", twice.add_peer(shared, 2), OK)
	check("add_peer(same connection again)", twice.add_peer(shared, 3), FAILED)
	var ch := pc.create_data_channel("pending", {})
	check("channel: state", ch.get_ready_state(), WebRTCDataChannel.STATE_CONNECTING)
	check("channel: label", ch.get_label(), "pending")
	check("channel: put before open", ch.put_packet(PackedByteArray([1])), FAILED)
	check("channel: get with nothing queued", ch.get_packet(), PackedByteArray())
	check("channel: get_packet_error", ch.get_packet_error(), ERR_UNAVAILABLE)
	check("bad description type", pc.set_remote_description("bogus", ""), ERR_INVALID_PARAMETER)
	check("empty candidate", pc.add_ice_candidate("", 0, ""), ERR_INVALID_PARAMETER)
	check("initialize bad iceServers", pc.initialize({"iceServers": [42]}), ERR_INVALID_PARAMETER)
	pc.close()
	check("state after close", pc.get_connection_state(), WebRTCPeerConnection.STATE_CLOSED)
	check("create_offer after close", pc.create_offer(), ERR_UNCONFIGURED)
	check("poll after close", pc.poll(), ERR_UNCONFIGURED)
	check("channel after close", pc.create_data_channel("late", {}), null)

	# A channel made with new() has no channel in the core: an unconfigured object for every call.
	var orphan := WebRTCDataChannelJava.new()
	check("bare channel put", orphan.put_packet(PackedByteArray([1])), ERR_UNCONFIGURED)
	check("bare channel state", orphan.get_ready_state(), WebRTCDataChannel.STATE_CLOSED)

	if failures == 0:
		print("bad_input: all checks passed")
	quit(1 if failures > 0 else 0)
