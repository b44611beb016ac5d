#include "voice.h"

#include <algorithm>
#include <cmath>

#include "peer_connection.h"

namespace gdwrtc {

namespace {

// Godot's main thread's conversion buffers: voice runs on the thread that owns the objects.
thread_local std::vector<float> frames_xy;
thread_local std::vector<int16_t> pcm;

int16_t to_pcm(float v) {
	if (!(v == v)) { // NaN
		return 0;
	}
	return (int16_t)std::lround(std::clamp(v, -1.0f, 1.0f) * 32767.0f);
}

// push_voice(frames: PackedVector2Array, mix_rate: int) -> Error
gd::Variant push_voice(void *instance, const gd::Variant *args) {
	PeerConnectionJava *pc = static_cast<PeerConnectionJava *>(instance);
	gd::read_packed_vector2_array(args[0], frames_xy);
	int64_t rate = args[1].as_int();
	pcm.resize(frames_xy.size());
	std::transform(frames_xy.begin(), frames_xy.end(), pcm.begin(), to_pcm);
	if (pcm.size() * 2 > (size_t)INT32_MAX) {
		GD_ERROR("Too many voice frames in one call.");
		return gd::Variant((int64_t)gd::ERR_INVALID_PARAMETER);
	}
	unavailable_answer = false;
	const Abi &table = pc->handle > 0 ? abi : unavailable;
	int r = table.gdwrtc_voice_push(reinterpret_cast<const uint8_t *>(pcm.data()), (int)(pcm.size() * 2),
			(int)std::clamp<int64_t>(rate, INT32_MIN, INT32_MAX), 2);
	return gd::Variant((int64_t)GDWRTC_REPORT(r));
}

// get_voice_frames(max_frames: int = -1) -> PackedVector2Array, at 48 kHz, left = right
gd::Variant get_voice_frames(void *instance, const gd::Variant *args) {
	PeerConnectionJava *pc = static_cast<PeerConnectionJava *>(instance);
	int64_t max = args[0].as_int();
	int available = call(&Abi::gdwrtc_pc_voice_available, pc->handle);
	int64_t want = max < 0 ? available : std::min<int64_t>(max, available);
	if (want <= 0) {
		return gd::new_packed_vector2_array(nullptr, 0);
	}
	pcm.resize((size_t)want);
	int bytes = call(&Abi::gdwrtc_pc_voice_pull, pc->handle, reinterpret_cast<uint8_t *>(pcm.data()), (int)(want * 2));
	if (bytes < 0) {
		GDWRTC_REPORT(bytes);
		return gd::new_packed_vector2_array(nullptr, 0);
	}
	int n = bytes / 2;
	frames_xy.resize((size_t)n * 2);
	for (int i = 0; i < n; i++) {
		float v = pcm[(size_t)i] / 32768.0f;
		frames_xy[2 * (size_t)i] = v;
		frames_xy[2 * (size_t)i + 1] = v;
	}
	return gd::new_packed_vector2_array(frames_xy.data(), n);
}

gd::Variant get_voice_frames_available(void *instance, const gd::Variant *) {
	return gd::Variant((int64_t)call(&Abi::gdwrtc_pc_voice_available, static_cast<PeerConnectionJava *>(instance)->handle));
}

gd::Variant is_voice_speaking(void *instance, const gd::Variant *) {
	return gd::Variant(call(&Abi::gdwrtc_pc_voice_speaking, static_cast<PeerConnectionJava *>(instance)->handle) == 1);
}

gd::Variant has_voice(void *instance, const gd::Variant *) {
	return gd::Variant(call(&Abi::gdwrtc_pc_has_voice, static_cast<PeerConnectionJava *>(instance)->handle) == 1);
}

} // namespace

void register_voice_methods() {
	constexpr auto INT = GDEXTENSION_VARIANT_TYPE_INT;
	constexpr auto BOOL = GDEXTENSION_VARIANT_TYPE_BOOL;
	constexpr auto FRAMES = GDEXTENSION_VARIANT_TYPE_PACKED_VECTOR2_ARRAY;
	const char *cls = PeerConnectionJava::CLASS;
	gd::register_method(cls, { "push_voice", push_voice, INT, { { "frames", FRAMES }, { "mix_rate", INT } }, {} });
	gd::register_method(cls, { "get_voice_frames", get_voice_frames, FRAMES, { { "max_frames", INT } }, { gd::Variant((int64_t)-1) } });
	gd::register_method(cls, { "get_voice_frames_available", get_voice_frames_available, INT, {}, {} });
	gd::register_method(cls, { "is_voice_speaking", is_voice_speaking, BOOL, {}, {} });
	gd::register_method(cls, { "has_voice", has_voice, BOOL, {}, {} });
}

} // namespace gdwrtc
