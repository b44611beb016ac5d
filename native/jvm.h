// The JVM loader: finds a JVM, loads it and the JavaCPP library that exports the gdwrtc_* C ABI,
// and resolves that ABI into a table of function pointers. The GDExtension links neither library,
// so a machine without Java gets one clear error instead of a failed dlopen.
#pragma once

#include <string>

#include "jniGdwrtc.h"

namespace gdwrtc {

// One pointer per function of jniGdwrtc.h; GDWRTC_FUNCTIONS is generated from that header.
struct Abi {
#define GDWRTC_FN(name) decltype(&::name) name = nullptr;
#include "gdwrtc_functions.inc"
#undef GDWRTC_FN
};

// Set once start_jvm() succeeded; every class of the extension calls the core through it.
extern Abi abi;

// addon_dir holds bin/ (libjniGdwrtc.so), lib/ (jars) and optionally jvm.cfg ("java_home=...").
// On failure returns false and explains in *error which places were tried.
bool start_jvm(const std::string &addon_dir, std::string *error);

} // namespace gdwrtc
