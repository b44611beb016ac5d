# The Godot side of BrowserVoiceTest: WebRTCMultiplayerPeerJava in a mesh (peer 1) with one
# browser (peer 2), voice on, signalling through the test (line_signalling.gd). Once connected it
# waits a second, then its microphone plays voice_source.gd's timeline (a tone, clicks, silence);
# what the browser's stream is fed is recorded (voice_recorder.gd) into --out as <name>_from_2.*,
# with <name>_events.txt. Exits 0 once its timeline has played.
# Usage: godot --headless --path . -s res://browser_voice.gd -- --port P --offer 0|1 --out DIR
#        --name G --freq HZ --tone S --clicks N --linger S [--echo-cancellation 0|1]
extends SceneTree

const Args = preload("res://args.gd")
const LineSignalling = preload("res://line_signalling.gd")
const VoiceChat = preload("res://addons/webrtc_java/voice_chat.gd") # class_name WebRTCVoiceChat
const VoiceSource = preload("res://voice_source.gd")
const VoiceRecorder = preload("res://voice_recorder.gd")

var signalling: LineSignalling
var mp := WebRTCMultiplayerPeerJava.new()
var pc := WebRTCPeerConnection.new()
var voice: Node
var source: VoiceSource
var recorder := VoiceRecorder.new()
var my_name := "G"
var out_dir := ""
var deadline := Time.get_ticks_msec() + 60000


func _initialize() -> void:
	Engine.max_fps = 100
	var args := Args.parse()
	my_name = args.get("name", "G")
	out_dir = args.get("out", "")
	source = VoiceSource.new(args)
	# --echo-cancellation 0: with it on, the browser's steady tone (the canceller's reference)
	# suppressed Godot's own tone almost whole in every run (docs/voice.md, "Limits").
	var settings := {"echoCancellation": args.get("echo-cancellation", "1") == "1"}
	if pc.initialize({"iceServers": [], "gdwrtcVoice": settings}) != OK:
		_finish(1, "initialize failed")
		return
	signalling = LineSignalling.new(pc, args.get("offer", "0") == "1")
	if signalling.open(int(args.get("port", "0"))) != OK:
		_finish(1, "cannot reach the test's signalling")
		return
	if mp.create_mesh(1) != OK or mp.add_peer(pc, 2) != OK:
		_finish(1, "create_mesh or add_peer failed")
		return
	voice = VoiceChat.new()
	root.add_child(voice)
	voice.multiplayer_peer = mp
	voice.voice_received.connect(recorder.add)
	voice.peer_voice_added.connect(func(id, stream): print("godot: voice of peer %d at %d Hz" % [id, stream.mix_rate]))


func _process(_delta: float) -> bool:
	signalling.poll()
	mp.poll()
	if source.start < 0.0 and mp.has_peer(2) and mp.get_peer(2)["connected"]:
		source.begin(Time.get_unix_time_from_system() + 1.0)
		print("godot: connected to the browser")
	if source.started():
		var err := source.speak(voice)
		if err != OK:
			_finish(1, "push_frames failed: %d" % err)
		elif source.finished():
			recorder.save(out_dir, my_name)
			source.save_events(out_dir, my_name)
			_finish(0, "played its timeline (recorded %s)" % [recorder.recorded.keys()])
	elif Time.get_ticks_msec() > deadline:
		_finish(1, "timed out (connection state %d)" % pc.get_connection_state())
	return false


func _finish(code: int, why: String) -> void:
	print("godot: done (%d): %s" % [code, why])
	quit(code)
