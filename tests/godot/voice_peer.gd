# One player of a voice mesh (through demo/lobby.gd) with WebRTCVoiceChat from the addon. Once
# connected to the other --peers - 1 players it waits a second, then its "microphone" is generated
# audio pushed in real time: a --freq Hz tone for --tone seconds (0 Hz: silence), then --clicks
# clicks (5 ms of 2 kHz) a second apart, then --linger seconds of silence. --mute-at S mutes it S
# seconds into the tone. Everything each remote peer's stream is fed is recorded, as VoiceTest reads:
#   <out>/<name>_from_<id>.pcm    16-bit little-endian mono 48 kHz
#   <out>/<name>_from_<id>.times  "<unix ms> <samples so far>" per batch handed to the stream
#   <out>/<name>_events.txt       "start <unix ms>" (the tone's), "click <unix ms>" (when each
#                                 click was due), "mute <unix ms>"
# Prints "SPEAKING <id> <bool>" on speaking_changed, "BYTES <id> <received> <sent> <seconds>" per
# connection at the end, and "<name>: ok" once done.
extends SceneTree

const Args = preload("res://args.gd")
const VoiceChat = preload("res://addons/webrtc_java/voice_chat.gd") # class_name WebRTCVoiceChat
const RATE := 48000

var lobby := StreamPeerTCP.new()
var mesh := WebRTCMultiplayerPeerJava.new()
var voice: Node
var my_name := "peer"
var expected := 2
var freq := 440.0
var tone_s := 6.0
var clicks := 0
var linger_s := 1.5
var mute_at := -1.0
var out_dir := ""
var connections := {}
var started := Time.get_ticks_msec()
var audio_start := -1.0 # unix seconds the generated audio starts
var generated := 0
var recorded := {} # peer id -> Array of PackedVector2Array
var counts := {} # peer id -> frames recorded
var times := {} # peer id -> PackedStringArray
var events := PackedStringArray()
var muted_logged := false


func _initialize() -> void:
	Engine.max_fps = 100
	var args := Args.parse()
	my_name = args.get("name", "peer")
	expected = int(args.get("peers", "2"))
	freq = float(args.get("freq", "440"))
	tone_s = float(args.get("tone", "6"))
	clicks = int(args.get("clicks", "0"))
	linger_s = float(args.get("linger", "1.5"))
	mute_at = float(args.get("mute-at", "-1"))
	out_dir = args.get("out", "")
	voice = VoiceChat.new()
	root.add_child(voice)
	voice.multiplayer_peer = mesh
	voice.voice_received.connect(_on_voice)
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


# Kept as received, converted at the end: the test's own work stays out of the real-time loop.
func _on_voice(id: int, frames: PackedVector2Array) -> void:
	if not recorded.has(id):
		recorded[id] = []
		times[id] = PackedStringArray()
		counts[id] = 0
	recorded[id].append(frames)
	counts[id] += frames.size()
	times[id].append("%d %d" % [int(Time.get_unix_time_from_system() * 1000.0), counts[id]])


func _pcm(chunks: Array) -> PackedByteArray:
	var bytes := PackedByteArray()
	for frames: PackedVector2Array in chunks:
		var at := bytes.size()
		bytes.resize(at + 2 * frames.size())
		for i in frames.size():
			bytes.encode_s16(at + 2 * i, clampi(int(round(frames[i].x * 32767.0)), -32768, 32767))
	return bytes


# The generated microphone: sample n of the whole timeline.
func _sample(n: int) -> float:
	var tone_end := int(tone_s * RATE)
	if n < tone_end:
		return 0.5 * sin(TAU * freq * n / RATE) if freq > 0.0 else 0.0
	var k := (n - tone_end) / RATE # a click a second after the tone, then every second
	var within := (n - tone_end) % RATE
	if k >= 1 and k <= clicks and within < RATE / 200:
		return 0.8 * sin(TAU * 2000.0 * within / RATE)
	return 0.0


func _speak() -> bool:
	var now := Time.get_unix_time_from_system()
	var due := int((now - audio_start) * RATE)
	var total := int((tone_s + clicks + 1 + linger_s) * RATE)
	due = mini(due, total)
	if mute_at >= 0.0 and due >= int(mute_at * RATE):
		voice.muted = true
		if not muted_logged:
			events.append("mute %d" % int((audio_start + mute_at) * 1000.0))
			muted_logged = true
	if due > generated:
		var frames := PackedVector2Array()
		frames.resize(due - generated)
		for i in frames.size():
			var n := generated + i
			var s := _sample(n)
			frames[i] = Vector2(s, s)
			if n >= int(tone_s * RATE) and (n - int(tone_s * RATE)) % RATE == 0:
				var k := (n - int(tone_s * RATE)) / RATE
				if k >= 1 and k <= clicks:
					events.append("click %d" % int((audio_start + float(n) / RATE) * 1000.0))
		var err: int = voice.push_frames(frames, RATE)
		# ERR_UNCONFIGURED: no peer with voice left (the others finished first), nobody to hear it.
		if err != OK and err != ERR_UNCONFIGURED:
			_fail("push_frames failed: %d" % err)
		generated = due
	return generated >= total


func _process(_delta: float) -> bool:
	lobby.poll()
	while lobby.get_status() == StreamPeerTCP.STATUS_CONNECTED and lobby.get_available_bytes() > 0:
		_on_signal(lobby.get_var())
	mesh.poll()
	var connected := 0
	for id in connections:
		if mesh.has_peer(id) and mesh.get_peer(id)["connected"]:
			connected += 1
	if audio_start < 0.0 and connected == expected - 1:
		audio_start = Time.get_unix_time_from_system() + 1.0
		events.append("start %d" % int(audio_start * 1000.0))
		print("%s: connected to %d peers" % [my_name, connected])
	if audio_start > 0.0 and Time.get_unix_time_from_system() >= audio_start and _speak():
		_finish()
	elif Time.get_ticks_msec() - started > 90000:
		_fail("timed out (%d of %d peers connected)" % [connected, expected - 1])
	return false


func _finish() -> void:
	# Bandwidth: what each connection carried since it connected (mostly voice; stats lag up to 1 s).
	for id in connections:
		var st: Dictionary = connections[id].get_stats()
		print("BYTES %d %d %d %.1f" % [id, st.get("bytes_received", -1), st.get("bytes_sent", -1),
				Time.get_unix_time_from_system() - (audio_start - 1.0)])
	for id in recorded:
		var base := "%s/%s_from_%d" % [out_dir, my_name, id]
		var f := FileAccess.open(base + ".pcm", FileAccess.WRITE)
		f.store_buffer(_pcm(recorded[id]))
		f.close()
		f = FileAccess.open(base + ".times", FileAccess.WRITE)
		f.store_string("\n".join(times[id]) + "\n")
		f.close()
	var e := FileAccess.open("%s/%s_events.txt" % [out_dir, my_name], FileAccess.WRITE)
	e.store_string("\n".join(events) + "\n")
	e.close()
	print("%s: ok (recorded %s)" % [my_name, recorded.keys()])
	lobby.disconnect_from_host()
	mesh.close()
	quit(0)


func _fail(why: String) -> void:
	printerr("%s: %s" % [my_name, why])
	quit(1)
