// The JVM loader: finds a Java runtime, starts a JVM inside the host process with the addon's
// jars, binds webrtc-java's library from the addon, and resolves the gdwrtc_* C ABI of the
// JavaCPP library into a table of function pointers. The host links neither libjvm nor the
// JavaCPP library, so a machine without Java gets one clear error instead of a failed dlopen.
//
// Where a runtime is looked for, in order (every path relative to the addon, never the working
// directory): java_home in <addon>/jvm.cfg, the bundled <addon>/jre-<arch>-linux, JAVA_HOME (the
// home or its bin/), the `java` on PATH. An exported game's addon folder is the webrtc_java/
// folder beside its executable, holding what the exporter copied there.
#pragma once

#include <string>

#include "gdwrtc_constants.h"
#include "jniGdwrtc.h"

namespace gdwrtc {

// Set on the calling thread by every answer of the unavailable table below, so the bindings
// tell "the core is unavailable" (one clear message) from the core's own refusals; taken (read
// and cleared) by take_unavailable_answer().
extern thread_local bool unavailable_answer;
bool take_unavailable_answer();

// What each function answers without the core (the JVM did not start, or not yet): the failure
// value exports.list declares for it (generated into gdwrtc_failures.inc), with ERR_UNCONFIGURED
// where that value is the error. So a getter gives its neutral value (a count 0, STATE_CLOSED,
// CONNECTION_DISCONNECTED) and everything else ERR_UNCONFIGURED, as Godot's unconfigured objects.
template <auto F>
constexpr int unavailable_value = -GDWRTC_ERR_UNCONFIGURED; // JavaCPP_init, not in exports.list
#define GDWRTC_FAILURE(name, value) \
	template <>                     \
	constexpr int unavailable_value<&::name> = value;
#include "gdwrtc_failures.inc"
#undef GDWRTC_FAILURE

template <typename F, int V>
struct Unavailable;
template <typename R, typename... A, int V>
struct Unavailable<R (*)(A...), V> {
	static R call(A...) {
		unavailable_answer = true;
		return R(V);
	}
};

// One pointer per function of jniGdwrtc.h; GDWRTC_FUNCTIONS is generated from that header.
// Until the JVM is up (and for good if it never starts) every pointer is the unavailable answer.
struct Abi {
#define GDWRTC_FN(name) decltype(&::name) name = &Unavailable<decltype(&::name), unavailable_value<&::name>>::call;
#include "gdwrtc_functions.inc"
#undef GDWRTC_FN
};

// Live once start_jvm() succeeded (or wait_jvm() returned true); every class calls the core
// through it.
extern Abi abi;
// The table of unavailable answers: what an object without a core handle calls.
extern const Abi unavailable;

// This architecture's files in the addon, which holds those of every architecture (make addon):
// the bundled runtime's folder (inside the addon and beside an exported game), the JavaCPP
// library and webrtc-java's library. x86_64 keeps the names it had before arm64 came.
#if defined(__x86_64__)
constexpr const char *BUNDLED_RUNTIME = "jre-amd64-linux";
constexpr const char *BRIDGE = "bin/libjniGdwrtc.so";
constexpr const char *WEBRTC = "bin/libwebrtc-java-linux-x86_64.so";
#elif defined(__aarch64__)
constexpr const char *BUNDLED_RUNTIME = "jre-arm64-linux";
constexpr const char *BRIDGE = "bin/libjniGdwrtc.arm64.so";
constexpr const char *WEBRTC = "bin/libwebrtc-java-linux-aarch64.so";
#else
#error "no addon layout for this architecture (see docs/platforms.md)"
#endif
// The folder an exported game holds the addon's runtime files in, beside its executable.
constexpr const char *EXPORTED_ADDON = "webrtc_java";
// The descriptor the addon's lib/ folder is opened as while the JVM runs: its jars are on the
// class path as /proc/self/fd/<this>/<jar>, the same text wherever the addon lives, so the
// CDS archive `make addon` records (with this same number) matches in every copy of the game.
constexpr int CDS_LIB_FD = 1000;

// The addon folder of the library holding `symbol`, found with dladdr: <addon>/bin/lib*.so in a
// project, <game>/lib*.so with <game>/webrtc_java/ in an exported game.
std::string addon_dir_of(const void *symbol);

// Finds a runtime, starts the JVM and binds webrtc-java, blocking until done. addon_dir holds
// bin/ (libjniGdwrtc.so, webrtc-java's library), lib/ (jars, classpath.txt), optionally jvm.cfg
// and the bundled runtime. On failure returns false and explains in *error what is wrong and
// which places were tried; the process keeps running.
bool start_jvm(const std::string &addon_dir, std::string *error);

// The same start off the caller's thread: checks what can be checked at once (runtime, jars,
// jvm.cfg) and returns false with *error if that fails; otherwise starts the JVM on a thread of
// its own and returns true. A later failure is passed to on_error (on that thread).
bool start_jvm_async(const std::string &addon_dir, void (*on_error)(const std::string &), std::string *error);

// Blocks until a start ended; true when the JVM is up and `abi` live. Every constructor of the
// extension's classes calls it first; it returns at once after the start.
bool wait_jvm();

// Why the core is unavailable: the start's error, empty while it runs or once it succeeded.
std::string start_error();

} // namespace gdwrtc
