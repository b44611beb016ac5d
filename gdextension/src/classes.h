// The three Godot classes of the extension. Each holds the integer handle of its Java object and
// forwards to the gdwrtc_* C ABI; events surface only from poll(), on the caller's thread.
#pragma once

#include "data_channel.h"
#include "multiplayer_peer.h"
#include "peer_connection.h"
#include "voice.h"
