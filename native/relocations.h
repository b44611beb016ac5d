// Gives back the memory of relocation tables the dynamic linker is done with (see relocations.cpp).
#pragma once

#include <string>
#include <vector>

namespace gdwrtc {

// For every loaded library whose path starts with one of `folders`: drops from memory the pages
// of its relocation table (DT_RELA) that lie in a read-only segment. Returns the bytes released.
size_t release_relocation_tables(const std::vector<std::string> &folders);

} // namespace gdwrtc
