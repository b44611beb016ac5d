# One player of a voice mesh (through demo/lobby.gd) with WebRTCVoiceChat from the addon. Once
# connected to the other --peers - 1 players it waits a second, then its "microphone" plays the
# timeline of voice_source.gd (a tone or speech, clicks, silence; --mute-at). Everything each remote
# peer's stream is fed is recorded (voice_recorder.gd) into --out, with <name>_events.txt.
# Prints "SPEAKING <id> <bool>" on speaking_changed, "BYTES <id> <received> <sent> <seconds>" per
# connection at the end, and "<name>: ok" once done.
extends SceneTree

const Args = preload("res://args.gd")
const VoiceChat = preload("res://addons/webrtc_java/voice_chat.gd") # class_name WebRTCVoiceChat
const VoiceSource = preload("res://voice_source.gd")
const VoiceRecorder = preload("res://voice_recorder.gd")

var lobby := StreamPeerTCP.new()
var mesh := WebRTCMultiplayerPeerJava.new()
var voice: Node
var source: VoiceSource
var recorder := VoiceRecorder.new()
var my_name := "peer"
var expected := 2
var out_dir := ""
var connections := {}
var started := Time.get_ticks_msec()


func _initialize() -> void:
	Engine.max_fps = 100
	var args := Args.parse()
	my_name = args.get("name", "peer")
	expected = int(args.get("peers", "2"))
	source = VoiceSource.new(args)
	out_dir = args.get("out", "")
	voice = VoiceChat.new()
	root.add_child(voice)
	voice.multiplayer_peer = mesh
	voice.voice_received.connect(recorder.add)
	voice.speaking_changed.connect(func(id, speaking): print("SPEAKING %d %s" % [id, speaking]))
	voice.peer_voice_added.connect(func(id, stream): print("%s: voice of peer %d at %d Hz" % [my_name, id, stream.mix_rate]))
	if lobby.connect_to_host("127.0.0.1", int(args.get("port", "9080"))) != OK:
		_fail("cannot reach the lobby")


func _connection(peer_id: int) -> WebRTCPeerConnection:
	var pc := WebRTCPeerConnection.new()
	if pc.initialize({"gdwrtcVoice": true}) != OK:
		_fail("initialize failed")
	pc.session_description_created.connect(_on_description.bind(pc, peer_id))
	pc.ice_candidate_created.connect(_on_candidate.bind(peer_id))
	connections[peer_id] = pc
	if mesh.add_peer(pc, peer_id) != OK:
		_fail("add_peer failed")
	return pc


func _on_description(type: String, sdp: String, pc: WebRTCPeerConnection, peer_id: int) -> void:
	if not "m=audio" in sdp:
		_fail("the %s has no audio section" % type)
	pc.set_local_description(type, sdp)
	lobby.put_var({"type": type, "to": peer_id, "sdp": sdp})


func _on_candidate(media: String, index: int, cand: String, peer_id: int) -> void:
	lobby.put_var({"type": "candidate", "to": peer_id, "media": media, "index": index, "name": cand})


func _on_signal(msg: Dictionary) -> void:
	match msg["type"]:
		"welcome":
			mesh.create_mesh(msg["id"])
			print("%s: I am peer %d" % [my_name, msg["id"]])
			for o in msg["peers"]:
				_connection(o).create_offer()
		"offer":
			if not connections.has(msg["from"]):
				_connection(msg["from"])
			connections[msg["from"]].set_remote_description("offer", msg["sdp"])
		"answer":
			connections[msg["from"]].set_remote_description("answer", msg["sdp"])
		"candidate":
			connections[msg["from"]].add_ice_candidate(msg["media"], msg["index"], msg["name"])


func _process(_delta: float) -> bool:
	lobby.poll()
	while lobby.get_status() == StreamPeerTCP.STATUS_CONNECTED and lobby.get_available_bytes() > 0:
		_on_signal(lobby.get_var())
	mesh.poll()
	var connected := 0
	for id in connections:
		if mesh.has_peer(id) and mesh.get_peer(id)["connected"]:
			connected += 1
	if source.start < 0.0 and connected == expected - 1:
		source.begin(Time.get_unix_time_from_system() + 1.0)
		print("%s: connected to %d peers" % [my_name, connected])
	if source.started():
		var err := source.speak(voice)
		if err != OK:
			_fail("push_frames failed: %d" % err)
			return false
		if source.finished():
			_finish()
			return false
	if Time.get_ticks_msec() - started > 90000:
		_fail("timed out (%d of %d peers connected)" % [connected, expected - 1])
	return false


func _finish() -> void:
	# Bandwidth: what each connection carried since it connected (mostly voice; stats lag up to 1 s).
	for id in connections:
		var st: Dictionary = connections[id].get_stats()
		print("BYTES %d %d %d %.1f" % [id, st.get("bytes_received", -1), st.get("bytes_sent", -1),
				Time.get_unix_time_from_system() - (source.start - 1.0)])
	recorder.save(out_dir, my_name)
	source.save_events(out_dir, my_name)
	print("%s: ok (recorded %s)" % [my_name, recorder.recorded.keys()])
	lobby.disconnect_from_host()
	mesh.close()
	quit(0)


func _fail(why: String) -> void:
	printerr("%s: %s" % [my_name, why])
	quit(1)
