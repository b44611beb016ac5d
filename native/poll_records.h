// Reads gdwrtc_pc_poll's output as both bindings do: records of an int32 tag (gdwrtc_constants.h)
// then int32 and (int32 length, UTF-8) fields. A short or malformed record reads as empty fields,
// never past the buffer.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace gdwrtc {

struct PollRecords {
	const uint8_t *p, *end;

	bool more() const { return p < end; }

	int32_t i32() {
		int32_t v = 0;
		if (end - p >= 4) {
			memcpy(&v, p, 4);
			p += 4;
		} else {
			p = end;
		}
		return v;
	}

	std::string str() {
		int32_t n = i32();
		if (n < 0 || n > end - p) {
			p = end;
			return "";
		}
		std::string s(reinterpret_cast<const char *>(p), (size_t)n);
		p += n;
		return s;
	}
};

} // namespace gdwrtc
