// The core's messages as both bindings (Godot 4's GDExtension, Godot 3's GDNative) print them:
// the reason of a failed gdwrtc_* call, and the messages queued by calls that went on or returned
// a value (Godot's ERR_PRINT), which must be taken or they pile up in the core.
#pragma once

#include <string>

namespace gdwrtc {

// The message of the call that just failed with r (r < 0 means -error), or a generic one.
std::string failure_message(int r);

// Why an object answered from the unavailable table (jvm.h): the start's error when the core did
// not start, else that the object has no core object.
std::string unavailable_message();

// Hands each message the core queued since the last call to print(); cheap when none (one flag read).
void take_queued_messages(void (*print)(const std::string &message));

} // namespace gdwrtc
