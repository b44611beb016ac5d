# The voice tests' microphone: generated audio pushed through WebRTCVoiceChat.push_frames as it
# falls due, in real time. Its timeline, from begin(): a --freq Hz tone for --tone seconds (0 Hz:
# silence) or, with --speech FILE (16-bit little-endian mono 48 kHz), that recording instead; then
# --clicks clicks (5 ms of 2 kHz) a second apart, then --linger seconds of silence. --mute-at S
# mutes it S seconds in. Logs, for events(): "start <unix ms>" (the timeline's), "click <unix ms>"
# (when each click was due), "mute <unix ms>".
extends RefCounted

const RATE := 48000

var freq := 440.0
var tone_s := 6.0
var clicks := 0
var linger_s := 1.5
var mute_at := -1.0
var speech := PackedFloat32Array()
var start := -1.0 # unix seconds the timeline starts
var generated := 0
var events := PackedStringArray()
var _muted_logged := false


func _init(args: Dictionary) -> void:
	freq = float(args.get("freq", "440"))
	tone_s = float(args.get("tone", "6"))
	clicks = int(args.get("clicks", "0"))
	linger_s = float(args.get("linger", "1.5"))
	mute_at = float(args.get("mute-at", "-1"))
	if args.has("speech"):
		var pcm := FileAccess.get_file_as_bytes(args["speech"])
		speech.resize(pcm.size() / 2)
		for i in speech.size():
			speech[i] = pcm.decode_s16(2 * i) / 32768.0
		tone_s = float(speech.size()) / RATE


## Starts the timeline at unix time [param at].
func begin(at: float) -> void:
	start = at
	events.append("start %d" % int(start * 1000.0))


func started() -> bool:
	return start > 0.0 and Time.get_unix_time_from_system() >= start


func finished() -> bool:
	return generated >= _total()


func _total() -> int:
	return int((tone_s + clicks + 1 + linger_s) * RATE)


# Sample n of the whole timeline.
func _sample(n: int) -> float:
	var tone_end := int(tone_s * RATE)
	if n < tone_end:
		if not speech.is_empty():
			return speech[n]
		return 0.5 * sin(TAU * freq * n / RATE) if freq > 0.0 else 0.0
	var k := (n - tone_end) / RATE # a click a second after the tone, then every second
	var within := (n - tone_end) % RATE
	if k >= 1 and k <= clicks and within < RATE / 200:
		return 0.8 * sin(TAU * 2000.0 * within / RATE)
	return 0.0


## Pushes what fell due since the last call to [param voice] (a WebRTCVoiceChat); its error.
func speak(voice: Node) -> int:
	var due := mini(int((Time.get_unix_time_from_system() - start) * RATE), _total())
	if mute_at >= 0.0 and due >= int(mute_at * RATE):
		voice.muted = true
		if not _muted_logged:
			events.append("mute %d" % int((start + mute_at) * 1000.0))
			_muted_logged = true
	if due <= generated:
		return OK
	var frames := PackedVector2Array()
	frames.resize(due - generated)
	for i in frames.size():
		var n := generated + i
		var s := _sample(n)
		frames[i] = Vector2(s, s)
		if n >= int(tone_s * RATE) and (n - int(tone_s * RATE)) % RATE == 0:
			var k := (n - int(tone_s * RATE)) / RATE
			if k >= 1 and k <= clicks:
				events.append("click %d" % int((start + float(n) / RATE) * 1000.0))
	generated = due
	var err: int = voice.push_frames(frames, RATE)
	# ERR_UNCONFIGURED: no peer with voice left (the others finished first), nobody to hear it.
	return OK if err == ERR_UNCONFIGURED else err


## Writes the events to <out_dir>/<name>_events.txt.
func save_events(out_dir: String, name: String) -> void:
	var e := FileAccess.open("%s/%s_events.txt" % [out_dir, name], FileAccess.WRITE)
	e.store_string("\n".join(events) + "\n")
	e.close()
