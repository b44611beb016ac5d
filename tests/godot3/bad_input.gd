# Godot 3's WebRTCMultiplayer and our connections and channels called with bad ids, in the wrong
# state and after close(): each call must answer the Godot error Godot answers (and print why),
# never crash. Exits 0 when every check passed.
extends SceneTree

var failures = 0
var victim = WebRTCPeerConnection.new()
var frames = 0


func check(label, got, want):
	if (want == null and got != null) or (want != null and (typeof(got) != typeof(want) or got != want)):
		failures += 1
		printerr("bad_input: %s: got %s, want %s" % [label, got, want])
	else:
		print("bad_input: %s: %s" % [label, got])


func _initialize():
	var mp = WebRTCMultiplayer.new()
	check("add_peer before initialize", mp.add_peer(WebRTCPeerConnection.new(), 2), OK)
	mp.close()
	check("put_packet before initialize", mp.put_packet(PoolByteArray([1])), ERR_UNCONFIGURED)
	check("initialize(-1)", mp.initialize(-1), ERR_INVALID_PARAMETER)
	# Godot 3's code takes 0 (its documentation says 1 to 2147483647).
	check("initialize(0)", mp.initialize(0), OK)
	check("initialize(1)", mp.initialize(1), OK)
	check("add_peer(null)", mp.add_peer(null, 2), ERR_INVALID_PARAMETER)
	check("add_peer(id -1)", mp.add_peer(WebRTCPeerConnection.new(), -1), ERR_INVALID_PARAMETER)
	check("add_peer(unreliable_lifetime -1)", mp.add_peer(WebRTCPeerConnection.new(), 2, -1), ERR_INVALID_PARAMETER)
	var closed = WebRTCPeerConnection.new()
	closed.close()
	check("add_peer(closed connection)", mp.add_peer(closed, 3), ERR_INVALID_PARAMETER)
	mp.refuse_new_connections = true
	check("add_peer while refusing", mp.add_peer(WebRTCPeerConnection.new(), 4), ERR_UNAUTHORIZED)
	mp.refuse_new_connections = false
	var pc5 = WebRTCPeerConnection.new()
	check("add_peer(ok)", mp.add_peer(pc5, 5), OK)
	check("has_peer(5)", mp.has_peer(5), true)
	check("get_peer(5) keys", mp.get_peer(5).keys(), ["connection", "connected", "channels"])
	check("get_peer(5) connection", mp.get_peer(5)["connection"] == pc5, true)
	check("get_peer(5) connected", mp.get_peer(5)["connected"], false)
	var channels = mp.get_peer(5)["channels"]
	check("get_peer(5) channels", channels.size(), 3)
	# Godot 3 spells the option "maxPacketLifetime": the unreliable channels must still get it.
	for ch in channels:
		check("channel %s" % ch.get_label(), "%s %s id=%d ordered=%s negotiated=%s state=%d" % [
				ch.get_class(), ch.get_script().get_class_name(), ch.get_id(), ch.is_ordered(), ch.is_negotiated(),
				ch.get_ready_state()] + ("" if ch.get_label() == "reliable" else " life=%d" % ch.get_max_packet_life_time()), {
			"reliable": "WebRTCDataChannelGDNative WebRTCDataChannelJava id=1 ordered=True negotiated=True state=0",
			"ordered": "WebRTCDataChannelGDNative WebRTCDataChannelJava id=2 ordered=True negotiated=True state=0 life=1",
			"unreliable": "WebRTCDataChannelGDNative WebRTCDataChannelJava id=3 ordered=False negotiated=True state=0 life=1",
		}[ch.get_label()])
	check("add_peer(same connection again)", mp.add_peer(pc5, 6), FAILED)
	check("get_peers keys", mp.get_peers().keys(), [5])
	check("get_peer(99) is empty", mp.get_peer(99).empty(), true)
	check("has_peer(99)", mp.has_peer(99), false)
	mp.remove_peer(99)
	mp.set_target_peer(99)
	check("put_packet to unknown peer", mp.put_packet(PoolByteArray([1])), ERR_INVALID_PARAMETER)
	mp.set_target_peer(0)
	check("get_packet with nothing queued", mp.get_packet(), PoolByteArray())
	check("get_packet_error", mp.get_packet_error(), ERR_UNAVAILABLE)
	mp.remove_peer(5)
	check("has_peer after remove", mp.has_peer(5), false)
	mp.close()
	check("status after close", mp.get_connection_status(), NetworkedMultiplayerPeer.CONNECTION_DISCONNECTED)
	check("put_packet after close", mp.put_packet(PoolByteArray([1])), ERR_UNCONFIGURED)

	var pc = WebRTCPeerConnection.new()
	check("channel: negotiated without id", pc.create_data_channel("x", {"negotiated": true}), null)
	check("channel: id without negotiated", pc.create_data_channel("x", {"id": 3}), null)
	check("channel: both lifetimes", pc.create_data_channel("x", {"maxPacketLifeTime": 5, "maxRetransmits": 2}), null)
	var first = pc.create_data_channel("first", {"negotiated": true, "id": 1})
	check("channel: negotiated id in use", pc.create_data_channel("again", {"negotiated": true, "id": 1}), null)
	var ch = pc.create_data_channel("pending", {})
	check("channel: state", ch.get_ready_state(), WebRTCDataChannel.STATE_CONNECTING)
	check("channel: label", ch.get_label(), "pending")
	check("channel: buffered amount (an interface extension)", ch.get_buffered_amount(), 0)
	check("channel: put before open", ch.put_packet(PoolByteArray([1])), FAILED)
	check("channel: get with nothing queued", ch.get_packet(), PoolByteArray())
	check("channel: get_packet_error", ch.get_packet_error(), ERR_UNAVAILABLE)
	check("bad description type", pc.set_remote_description("bogus", ""), ERR_INVALID_PARAMETER)
	check("empty candidate", pc.add_ice_candidate("", 0, ""), ERR_INVALID_PARAMETER)
	check("initialize bad iceServers", pc.initialize({"iceServers": [42]}), ERR_INVALID_PARAMETER)
	check("initialize iceServers not an Array", pc.initialize({"iceServers": "stun:x"}), ERR_INVALID_PARAMETER)
	pc.close()
	check("state after close", pc.get_connection_state(), WebRTCPeerConnection.STATE_CLOSED)
	check("create_offer after close", pc.create_offer(), ERR_UNCONFIGURED)
	check("poll after close", pc.poll(), ERR_UNCONFIGURED)
	check("channel after close", pc.create_data_channel("late", {}), null)

	# A script that takes our script off a connection leaves Godot's bare object behind.
	var bare = WebRTCPeerConnection.new()
	bare.set_script(null)
	check("create_offer without our script", bare.create_offer(), ERR_UNCONFIGURED)

	# ... or does so from a signal handler, in the middle of the connection's poll().
	victim.connect("session_description_created", self, "_drop_script")
	victim.create_data_channel("chat", {"id": 1, "negotiated": true})
	check("create_offer on the victim", victim.create_offer(), OK)


func _drop_script(_type, _sdp):
	victim.set_script(null)


func _idle(_delta):
	frames += 1
	if victim.get_script() != null and frames < 2000:
		victim.poll()
		return false
	check("script dropped during poll", victim.get_script(), null)
	check("create_offer after that", victim.create_offer(), ERR_UNCONFIGURED)
	if failures == 0:
		print("bad_input: all checks passed")
	quit(1 if failures > 0 else 0)
	return false
