// A cheap look at a shared library before it is loaded: the dynamic loader maps an ELF file's
// segments as its headers describe them, so a truncated file (a broken download or copy) makes
// the process die of SIGBUS when the loader touches the missing pages, instead of failing.
#pragma once

#include <string>

namespace gdwrtc {

// Empty if `path` is not visibly truncated: every loaded segment and the section table lie
// inside the file. Otherwise why not, for the start's error. A file that is no 64-bit ELF at all
// passes (dlopen then refuses it with its own message, without crashing).
std::string truncated_library(const std::string &path);

} // namespace gdwrtc
