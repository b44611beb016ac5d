# The Godot side of the interop tests: WebRTCMultiplayerPeerJava in a mesh (peer 1) with one
# foreign peer (peer 2: aiortc or a browser), through SceneMultiplayer. Signalling: JSON lines over
# TCP to the test (line_signalling.gd). Sends a raw packet on each transfer mode once connected,
# echoes "hello…" packets, sends a burst of 20,000 reliable packets in one frame (a world sync, as a stock stack
# receives it), and exits 0 once it heard the foreign peer's hello, the echo of its reliable hello
# and the foreign peer's confirmation that the whole burst arrived in order.
# Usage: godot --headless --path . -s res://interop.gd -- --port P --offer 0|1
extends SceneTree

const Args = preload("res://args.gd")
const LineSignalling = preload("res://line_signalling.gd")

var signalling: LineSignalling
var mp := WebRTCMultiplayerPeerJava.new()
var pc := WebRTCPeerConnection.new()
var heard_hello := false
var heard_echo := false
var burst_confirmed := false
const BURST := 20000
var deadline := Time.get_ticks_msec() + 120000


func _initialize() -> void:
	var args := Args.parse()
	pc.initialize({"iceServers": []})
	signalling = LineSignalling.new(pc, args.get("offer", "0") == "1")
	if signalling.open(int(args.get("port", "0"))) != OK:
		_finish(1, "cannot reach the test's signalling")
		return
	if mp.create_mesh(1) != OK:
		_finish(1, "create_mesh failed")
		return
	get_multiplayer().multiplayer_peer = mp
	get_multiplayer().peer_connected.connect(_on_connected)
	get_multiplayer().peer_packet.connect(_on_packet)
	if mp.add_peer(pc, 2) != OK:
		_finish(1, "add_peer failed")


func _on_connected(id: int) -> void:
	print("godot: peer %d connected" % id)
	for mode in [MultiplayerPeer.TRANSFER_MODE_RELIABLE, MultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED, MultiplayerPeer.TRANSFER_MODE_UNRELIABLE]:
		get_multiplayer().send_bytes(("hello from godot mode %d" % mode).to_utf8_buffer(), id, mode)
	var refused := 0
	for i in BURST:
		if get_multiplayer().send_bytes(("burst %d" % i).to_utf8_buffer(), id, MultiplayerPeer.TRANSFER_MODE_RELIABLE) != OK:
			refused += 1
	print("godot: burst of %d sent, %d refused" % [BURST, refused])


func _on_packet(id: int, packet: PackedByteArray) -> void:
	var text := packet.get_string_from_utf8()
	print("godot: got from %d: %s" % [id, text])
	if text.begins_with("hello"):
		heard_hello = true
		get_multiplayer().send_bytes(("echo:" + text).to_utf8_buffer(), id, MultiplayerPeer.TRANSFER_MODE_RELIABLE)
	elif text == "echo:hello from godot mode %d" % MultiplayerPeer.TRANSFER_MODE_RELIABLE:
		heard_echo = true
	elif text == "burst-ok %d" % BURST:
		burst_confirmed = true


func _process(_delta: float) -> bool:
	signalling.poll()
	if heard_hello and heard_echo and burst_confirmed:
		_finish(0, "exchanged packets both ways")
	elif Time.get_ticks_msec() > deadline:
		_finish(1, "timed out (hello %s, echo %s, burst %s)" % [heard_hello, heard_echo, burst_confirmed])
	return false


func _finish(code: int, why: String) -> void:
	print("godot: done (%d): %s" % [code, why])
	quit(code)
