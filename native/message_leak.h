// A workaround for webrtc-java 0.14.0's leak of two JNI local references per received message
// (upstream #265), installed once the JVM runs; see message_leak.cpp.
#pragma once

#include <jni.h>

namespace gdwrtc {

// Wraps the JNI function table so onMessage's references are deleted after each message; false
// (nothing changed) when JVMTI or webrtc-java's classes are not there. Idempotent.
bool fix_message_leak(JavaVM *vm, JNIEnv *env);

} // namespace gdwrtc
