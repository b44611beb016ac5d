# What each remote peer's voice stream is fed (WebRTCVoiceChat.voice_received), kept as received
# and written at the end, so the test's own work stays out of the real-time loop. save() writes,
# as the voice tests read them (VoiceTest.Heard):
#   <out>/<name>_from_<id>.pcm    16-bit little-endian mono 48 kHz
#   <out>/<name>_from_<id>.times  "<unix ms> <samples so far>" per batch handed to the stream
extends RefCounted

var recorded := {} # peer id -> Array of PackedVector2Array
var counts := {} # peer id -> frames recorded
var times := {} # peer id -> PackedStringArray


func add(id: int, frames: PackedVector2Array) -> void:
	if not recorded.has(id):
		recorded[id] = []
		times[id] = PackedStringArray()
		counts[id] = 0
	recorded[id].append(frames)
	counts[id] += frames.size()
	times[id].append("%d %d" % [int(Time.get_unix_time_from_system() * 1000.0), counts[id]])


func save(out_dir: String, name: String) -> void:
	for id in recorded:
		var base := "%s/%s_from_%d" % [out_dir, name, id]
		var f := FileAccess.open(base + ".pcm", FileAccess.WRITE)
		f.store_buffer(_pcm(recorded[id]))
		f.close()
		f = FileAccess.open(base + ".times", FileAccess.WRITE)
		f.store_string("\n".join(times[id]) + "\n")
		f.close()


func _pcm(chunks: Array) -> PackedByteArray:
	var bytes := PackedByteArray()
	for frames: PackedVector2Array in chunks:
		var at := bytes.size()
		bytes.resize(at + 2 * frames.size())
		for i in frames.size():
			bytes.encode_s16(at + 2 * i, clampi(int(round(frames[i].x * 32767.0)), -32768, 32767))
	return bytes
