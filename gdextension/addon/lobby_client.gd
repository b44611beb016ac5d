## Joins a lobby of gdwrtc-lobby (or of any server speaking the protocol of Godot's
## webrtc_signaling demo) and connects to its peers over WebRTC: it creates the peer connections,
## runs offers, answers and ICE candidates through the lobby, and exposes the ready
## [member multiplayer_peer].
##
## [codeblock]
## var lobby := WebRTCLobbyClient.new()
## add_child(lobby)
## lobby.joined.connect(func(_name, _id): multiplayer.multiplayer_peer = lobby.multiplayer_peer)
## lobby.join("ws://localhost:9080")  # or join(url, "TheLobbyName") to join one
## [/codeblock]
## It uses [code]WebRTCMultiplayerPeerJava[/code] where this addon runs, Godot's built-in
## [WebRTCMultiplayerPeer] elsewhere (web exports) or with [member use_builtin_peer].
## See docs/lobby.md.
class_name WebRTCLobbyClient
extends Node

## The lobby confirmed the join: its name (share it with the other players) and our peer id.
signal joined(lobby: String, my_id: int)
## A peer joined the lobby; its WebRTC connection is being set up.
signal peer_joined(id: int)
## A peer left the lobby (its connection closed, or its node died).
signal peer_left(id: int)
## The host sealed the lobby: nobody else can join; the lobby closes our signalling connection
## 10 s later, the WebRTC connections stay.
signal sealed()
## The lobby connection ended before a seal (the reason is the server's, e.g. "Lobby does not
## exists", or a local error); the multiplayer peer is closed.
signal failed(reason: String)

# The protocol's message types (its JOIN..SEAL), the close code of a seal, and the largest message
# we accept from the lobby (a large SDP is a few KiB).
enum Message { JOIN, ID, PEER_CONNECT, PEER_DISCONNECT, OFFER, ANSWER, CANDIDATE, SEAL }
const CLOSE_NORMAL := 1000
const MAX_MESSAGE_BYTES := 65536

## Use Godot's built-in WebRTCMultiplayerPeer even where WebRTCMultiplayerPeerJava exists.
var use_builtin_peer := false
## The multiplayer peer, ready once [signal joined] fired: assign it to [member MultiplayerAPI.multiplayer_peer].
var multiplayer_peer: MultiplayerPeer
## The lobby's name once joined.
var lobby := ""
## Our peer id once joined (1: the host).
var my_id := 0

var _ws := WebSocketPeer.new()
var _rtc # the multiplayer peer, untyped: both classes have the WebRTC methods
var _rtc_config := {}
var _mesh := true
var _wanted_lobby := ""
var _state := WebSocketPeer.STATE_CLOSED
var _sealed := false
var _done := true


func _init() -> void:
	_ws.inbound_buffer_size = MAX_MESSAGE_BYTES
	set_process(false)


## Connects to [param url] (ws:// or wss://, with ?token=... when the lobby wants one) and joins
## [param lobby_name], or creates a lobby when it is empty. [param mesh]: everyone connects to
## everyone; otherwise the host (peer 1) is the server. [param rtc_config] is
## [method WebRTCPeerConnection.initialize]'s (e.g. iceServers).
func join(url: String, lobby_name := "", mesh := true, rtc_config := {}) -> Error:
	leave()
	_wanted_lobby = lobby_name
	_mesh = mesh
	_rtc_config = rtc_config
	_rtc = WebRTCMultiplayerPeer.new() if use_builtin_peer or not ClassDB.class_exists("WebRTCMultiplayerPeerJava") \
		else ClassDB.instantiate("WebRTCMultiplayerPeerJava")
	multiplayer_peer = _rtc
	var err := _ws.connect_to_url(url)
	if err != OK:
		_fail("cannot connect to %s (error %d)" % [url, err])
		return err
	_done = false
	set_process(true)
	return OK


## Seals the lobby (host only): nobody else can join.
func seal() -> Error:
	return _send(Message.SEAL, 0)


## Leaves the lobby and closes every WebRTC connection.
func leave() -> void:
	_done = true
	_ws.close()
	if _rtc != null:
		_rtc.close()
	lobby = ""
	my_id = 0
	_sealed = false
	_state = WebSocketPeer.STATE_CLOSED


func _process(_delta: float) -> void:
	_ws.poll()
	var state := _ws.get_ready_state()
	if state != _state and state == WebSocketPeer.STATE_OPEN:
		_send(Message.JOIN, 0 if _mesh else 1, _wanted_lobby)
	while _ws.get_ready_state() == WebSocketPeer.STATE_OPEN and _ws.get_available_packet_count() > 0:
		_on_message(_ws.get_packet().get_string_from_utf8())
	if state != _state and state == WebSocketPeer.STATE_CLOSED:
		set_process(false)
		if not _sealed and not _done:
			var code := _ws.get_close_code()
			var reason := _ws.get_close_reason()
			_fail(reason if not reason.is_empty() else "lobby connection closed (%d)" % code)
	_state = state


func _on_message(text: String) -> void:
	var msg = JSON.parse_string(text)
	if not (msg is Dictionary and msg.get("type") is float and msg.get("id") is float and msg.get("data") is String):
		push_warning("WebRTCLobbyClient: ignoring a malformed message from the lobby")
		return
	var id := int(msg.id)
	var data: String = msg.data
	match int(msg.type):
		Message.ID:
			my_id = id
			var err: Error
			if data == "true":
				err = _rtc.create_mesh(id)
			elif id == 1:
				err = _rtc.create_server()
			else:
				err = _rtc.create_client(id)
			if err != OK:
				_fail("cannot create the multiplayer peer (error %d)" % err)
		Message.JOIN:
			lobby = data
			joined.emit(lobby, my_id)
		Message.PEER_CONNECT:
			_add_peer(id)
			peer_joined.emit(id)
		Message.PEER_DISCONNECT:
			if _rtc.has_peer(id):
				_rtc.remove_peer(id)
			peer_left.emit(id)
		Message.OFFER, Message.ANSWER:
			if _rtc.has_peer(id):
				_rtc.get_peer(id).connection.set_remote_description("offer" if int(msg.type) == Message.OFFER else "answer", data)
		Message.CANDIDATE:
			var parts := data.split("\n", false)
			if parts.size() == 3 and parts[1].is_valid_int() and _rtc.has_peer(id):
				_rtc.get_peer(id).connection.add_ice_candidate(parts[0], parts[1].to_int(), parts[2])
		Message.SEAL:
			_sealed = true
			sealed.emit()


func _add_peer(id: int) -> void:
	var pc := WebRTCPeerConnection.new()
	var err := pc.initialize(_rtc_config)
	if err == OK:
		err = _rtc.add_peer(pc, id)
	if err != OK:
		_fail("cannot connect to peer %d (error %d)" % [id, err])
		return
	pc.session_description_created.connect(func(type: String, sdp: String) -> void:
		pc.set_local_description(type, sdp)
		_send(Message.OFFER if type == "offer" else Message.ANSWER, id, sdp))
	pc.ice_candidate_created.connect(func(mid: String, index: int, sdp: String) -> void:
		_send(Message.CANDIDATE, id, "\n%s\n%d\n%s" % [mid, index, sdp]))
	# The newer peer offers (the host, 1, never does), as the demo's client: one offer per pair.
	if id < my_id:
		pc.create_offer()


func _send(type: int, id: int, data := "") -> Error:
	if _ws.get_ready_state() != WebSocketPeer.STATE_OPEN:
		return ERR_UNCONFIGURED
	return _ws.send_text(JSON.stringify({"type": type, "id": id, "data": data}))


func _fail(reason: String) -> void:
	_done = true
	if _rtc != null:
		_rtc.close()
	failed.emit(reason)
