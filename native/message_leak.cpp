#include "message_leak.h"

#include <jvmti.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <atomic>

// webrtc-java 0.14.0 hands each received message to RTCDataChannelObserver.onMessage on a
// libwebrtc thread that stays attached to the JVM for good, and never deletes the two JNI local
// references it made for it (the DirectByteBuffer and the RTCDataChannelBuffer): on such a
// thread they live until it detaches, so each message pins ~88 bytes of heap (upstream #265;
// fixed upstream but not in a release). The JNI function table is wrapped, through JVMTI, so that
// once onMessage returns those two references are deleted. Only calls to that one method are
// touched; every other JNI call goes straight through. Remove when webrtc-java releases the fix.

namespace gdwrtc {

namespace {

const jniNativeInterface *original; // the JVM's own functions
std::atomic<jmethodID> on_message{ nullptr };
jfieldID buffer_data; // RTCDataChannelBuffer.data

// The direct buffer made last on this thread, once it has delivered a message: webrtc-java makes
// it right before the RTCDataChannelBuffer that wraps it and the onMessage call.
thread_local jobject last_direct = nullptr;
thread_local bool delivers_messages = false;

jobject JNICALL new_direct_byte_buffer(JNIEnv *env, void *address, jlong capacity) {
	jobject b = original->NewDirectByteBuffer(env, address, capacity);
	if (delivers_messages) {
		last_direct = b;
	}
	return b;
}

// After onMessage(buffer) returned: the references webrtc-java made for it and will not delete.
void release_message_refs(JNIEnv *env, jobject buffer) {
	delivers_messages = true;
	jobject direct = last_direct;
	last_direct = nullptr;
	if (!buffer) {
		return;
	}
	// The direct buffer is deleted only when it is the one this message carried (never a
	// reference someone else still holds).
	if (direct && !original->ExceptionCheck(env)) {
		jobject data = original->GetObjectField(env, buffer, buffer_data);
		bool same = original->IsSameObject(env, data, direct);
		original->DeleteLocalRef(env, data);
		if (same) {
			original->DeleteLocalRef(env, direct);
		}
	}
	original->DeleteLocalRef(env, buffer);
}

void JNICALL call_void_method_v(JNIEnv *env, jobject obj, jmethodID method, va_list args) {
	if (method != on_message.load(std::memory_order_relaxed)) {
		original->CallVoidMethodV(env, obj, method, args);
		return;
	}
	va_list copy;
	va_copy(copy, args);
	jobject buffer = va_arg(copy, jobject);
	va_end(copy);
	original->CallVoidMethodV(env, obj, method, args);
	release_message_refs(env, buffer);
}

void JNICALL call_void_method(JNIEnv *env, jobject obj, jmethodID method, ...) {
	va_list args;
	va_start(args, method);
	call_void_method_v(env, obj, method, args);
	va_end(args);
}

// The method and field the wrapper looks for; false if webrtc-java is not on the class path.
bool resolve(JNIEnv *env) {
	jclass observer = env->FindClass("dev/onvoid/webrtc/RTCDataChannelObserver");
	jclass buffer = observer ? env->FindClass("dev/onvoid/webrtc/RTCDataChannelBuffer") : nullptr;
	jmethodID method = buffer ? env->GetMethodID(observer, "onMessage", "(Ldev/onvoid/webrtc/RTCDataChannelBuffer;)V") : nullptr;
	buffer_data = method ? env->GetFieldID(buffer, "data", "Ljava/nio/ByteBuffer;") : nullptr;
	if (env->ExceptionCheck() || !buffer_data) {
		env->ExceptionClear();
		return false;
	}
	on_message.store(method);
	return true;
}

} // namespace

bool fix_message_leak(JavaVM *vm, JNIEnv *env) {
	if (original) {
		return true;
	}
	jvmtiEnv *jvmti = nullptr;
	if (vm->GetEnv(reinterpret_cast<void **>(&jvmti), JVMTI_VERSION_1_2) != JNI_OK || !jvmti) {
		return false;
	}
	jniNativeInterface *table = nullptr;
	if (!resolve(env) || jvmti->GetJNIFunctionTable(&table) != JVMTI_ERROR_NONE) {
		return false;
	}
	// The copy JVMTI made stays ours for good: it is how the wrappers reach the JVM's functions.
	static jniNativeInterface wrapped;
	memcpy(&wrapped, table, sizeof wrapped);
	original = table;
	wrapped.NewDirectByteBuffer = new_direct_byte_buffer;
	wrapped.CallVoidMethod = call_void_method;
	wrapped.CallVoidMethodV = call_void_method_v;
	return jvmti->SetJNIFunctionTable(&wrapped) == JVMTI_ERROR_NONE;
}

} // namespace gdwrtc

#ifdef GDWRTC_MESSAGE_LEAK_AGENT
// The same fix as a JVMTI agent (-agentpath:...), for JVMs the addon does not start: the tests'.
namespace {
void JNICALL vm_init(jvmtiEnv *, JNIEnv *env, jthread) {
	JavaVM *vm = nullptr;
	env->GetJavaVM(&vm);
	if (!gdwrtc::fix_message_leak(vm, env)) {
		fprintf(stderr, "gdwrtc message leak agent: could not install (webrtc-java not on the class path?)\n");
	}
}
} // namespace

extern "C" JNIEXPORT jint JNICALL Agent_OnLoad(JavaVM *vm, char *, void *) {
	jvmtiEnv *jvmti = nullptr;
	if (vm->GetEnv(reinterpret_cast<void **>(&jvmti), JVMTI_VERSION_1_2) != JNI_OK) {
		return JNI_ERR;
	}
	jvmtiEventCallbacks callbacks{};
	callbacks.VMInit = vm_init;
	if (jvmti->SetEventCallbacks(&callbacks, sizeof callbacks) != JVMTI_ERROR_NONE ||
			jvmti->SetEventNotificationMode(JVMTI_ENABLE, JVMTI_EVENT_VM_INIT, nullptr) != JVMTI_ERROR_NONE) {
		return JNI_ERR;
	}
	return JNI_OK;
}
#endif
