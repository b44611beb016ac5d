// Voice of WebRTCPeerConnectionJava (docs/voice.md): push_voice() hands the process's microphone
// frames to every connection initialized with "gdwrtcVoice"; get_voice_frames() reads what the
// remote peer said, as frames an AudioStreamGenerator at 48 kHz plays; is_voice_speaking().
#pragma once

#include "binding.h"

namespace gdwrtc {

// Registers the methods on the already registered WebRTCPeerConnectionJava.
void register_voice_methods();

} // namespace gdwrtc
