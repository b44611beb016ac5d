# Signalling for one connection as JSON lines over TCP to the test, which relays them to another
# WebRTC stack (InteropTest, BrowserVoiceTest): the descriptions and candidates of [pc] go out,
# the other side's are applied; with [offer], [pc] offers once the test is reached.
extends RefCounted

var tcp := StreamPeerTCP.new()
var pc: WebRTCPeerConnection
var offer := false
var _inbox := ""
var _offered := false


func _init(connection: WebRTCPeerConnection, offers: bool) -> void:
	pc = connection
	offer = offers
	# Methods, not lambdas: a lambda would hold this object, which holds pc (a cycle, leaked at exit).
	pc.session_description_created.connect(_on_description)
	pc.ice_candidate_created.connect(_on_candidate)


func _on_description(type: String, sdp: String) -> void:
	pc.set_local_description(type, sdp)
	send({"type": type, "sdp": sdp})


func _on_candidate(media: String, index: int, name: String) -> void:
	send({"type": "candidate", "media": media, "index": index, "name": name})


func open(port: int) -> Error:
	return tcp.connect_to_host("127.0.0.1", port)


func send(msg: Dictionary) -> void:
	tcp.put_data((JSON.stringify(msg) + "\n").to_utf8_buffer())


## Each frame: offers when due, applies what arrived.
func poll() -> void:
	tcp.poll()
	if tcp.get_status() != StreamPeerTCP.STATUS_CONNECTED:
		return
	if offer and not _offered and pc.get_signaling_state() == WebRTCPeerConnection.SIGNALING_STATE_STABLE \
			and pc.get_connection_state() == WebRTCPeerConnection.STATE_NEW:
		_offered = true
		pc.create_offer()
	var n := tcp.get_available_bytes()
	if n > 0:
		_inbox += tcp.get_utf8_string(n)
	while _inbox.find("\n") >= 0:
		var i := _inbox.find("\n")
		var msg = JSON.parse_string(_inbox.substr(0, i))
		_inbox = _inbox.substr(i + 1)
		if msg is Dictionary:
			_apply(msg)


func _apply(msg: Dictionary) -> void:
	if msg["type"] == "offer" or msg["type"] == "answer":
		pc.set_remote_description(msg["type"], msg["sdp"])
	elif msg["type"] == "candidate":
		var err := pc.add_ice_candidate(msg["media"], int(msg["index"]), msg["name"])
		if err != OK:
			print("godot: add_ice_candidate failed: %d" % err)
