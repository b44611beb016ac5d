// Reads gdwrtc_pc_stats's answer as both bindings do: a header (int32 sample sequence, int32 body
// bytes, float64 age in seconds) and a body in StatsEncoder's tagged form (gdwrtc_constants.h's
// GDWRTC_STATS_TAG_*), built into the binding's own Dictionary/Array values through a builder B:
//   B::Value; Value integer(int64_t); Value real(double); Value text(std::string);
//   Value array(); void push(Value &array, const Value &v);
//   Value dictionary(); void set(Value &dict, const std::string &key, const Value &v);
// A short or malformed body ends the read early (what was read stays); nothing is read past it.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

#include "gdwrtc_constants.h"

namespace gdwrtc {

struct StatsHeader {
	int32_t sequence = 0, body = 0;
	double age = -1.0;
	static StatsHeader read(const uint8_t *p) {
		StatsHeader h;
		memcpy(&h.sequence, p, 4);
		memcpy(&h.body, p + 4, 4);
		memcpy(&h.age, p + 8, 8);
		return h;
	}
};

template <class B>
struct StatsReader {
	const uint8_t *p, *end;
	B &b;
	static constexpr int MAX_DEPTH = 8; // the stats nest two deep; a corrupt body cannot recurse far

	template <class T>
	bool fixed(T &v) {
		if (end - p < (long)sizeof(T)) {
			p = end;
			return false;
		}
		memcpy(&v, p, sizeof(T));
		p += sizeof(T);
		return true;
	}

	bool text(std::string &s) {
		int32_t n = 0;
		if (!fixed(n) || n < 0 || n > end - p) {
			p = end;
			return false;
		}
		s.assign(reinterpret_cast<const char *>(p), (size_t)n);
		p += n;
		return true;
	}

	typename B::Value value(int depth = 0) {
		uint8_t tag = 0;
		if (depth > MAX_DEPTH || !fixed(tag)) {
			p = end;
			return typename B::Value();
		}
		switch (tag) {
			case GDWRTC_STATS_TAG_INT: {
				int64_t v = 0;
				fixed(v);
				return b.integer(v);
			}
			case GDWRTC_STATS_TAG_FLOAT: {
				double v = 0;
				fixed(v);
				return b.real(v);
			}
			case GDWRTC_STATS_TAG_STRING: {
				std::string s;
				text(s);
				return b.text(s);
			}
			case GDWRTC_STATS_TAG_ARRAY: {
				typename B::Value a = b.array();
				int32_t n = 0;
				fixed(n);
				for (int32_t i = 0; i < n && p < end; i++) {
					b.push(a, value(depth + 1));
				}
				return a;
			}
			case GDWRTC_STATS_TAG_DICTIONARY: {
				typename B::Value d = b.dictionary();
				int32_t n = 0;
				fixed(n);
				std::string key;
				for (int32_t i = 0; i < n && p < end && text(key); i++) {
					b.set(d, key, value(depth + 1));
				}
				return d;
			}
			default:
				p = end;
				return typename B::Value();
		}
	}
};

} // namespace gdwrtc
