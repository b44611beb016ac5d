/* Drives the gdwrtc_* C ABI from C alone, through the header JavaCPP generates: two peer
 * connections in one process signal each other, open a negotiated channel and exchange data both
 * ways. Usage: abi_test <class path> <folder of libjniGdwrtc.so>. Exits 0 on success. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jniGdwrtc.h"

/* On failure also prints the core's last message, which names the cause. */
#define CHECK(cond, ...) do { if (!(cond)) { char m_[1024]; int n_ = gdwrtc_last_error(m_, sizeof(m_) - 1); \
	m_[n_ > 0 && n_ < (int)sizeof(m_) ? n_ : 0] = 0; fprintf(stderr, "abi_test: " __VA_ARGS__); \
	fprintf(stderr, " [%s]\n", m_); exit(1); } } while (0)

static int32_t rd(const uint8_t **p) { int32_t v; memcpy(&v, *p, 4); *p += 4; return v; }
static int rds(const uint8_t **p, char *out, int cap) {
	int n = rd(p);
	int k = n < cap - 1 ? n : cap - 1;
	memcpy(out, *p, (size_t)k);
	out[k] = 0;
	*p += n;
	return n;
}

/* Polls `from` and hands its descriptions and candidates to `to`, as a signalling server would. */
static void relay(int from, int to) {
	static uint8_t buf[65536];
	int more = 0;
	int n = gdwrtc_pc_poll(from, buf, sizeof(buf), &more);
	CHECK(n >= 0, "poll failed: %d", n);
	const uint8_t *p = buf, *end = buf + n;
	while (p < end) {
		int tag = rd(&p);
		if (tag == 1) { /* session description: type, sdp */
			char type[32], *sdp = malloc(65536);
			rds(&p, type, sizeof(type));
			int len = rds(&p, sdp, 65536);
			CHECK(gdwrtc_pc_set_local_description(from, type, (int)strlen(type), sdp, len) == 0, "set_local_description");
			CHECK(gdwrtc_pc_set_remote_description(to, type, (int)strlen(type), sdp, len) == 0, "set_remote_description");
			free(sdp);
		} else if (tag == 2) { /* ICE candidate: media, index, name */
			char media[64], name[1024];
			rds(&p, media, sizeof(media));
			int index = rd(&p);
			int len = rds(&p, name, sizeof(name));
			CHECK(gdwrtc_pc_add_ice_candidate(to, media, (int)strlen(media), index, name, len) == 0, "add_ice_candidate");
		} else if (tag == 4) {
			char msg[1024];
			rds(&p, msg, sizeof(msg));
			fprintf(stderr, "abi_test: core reported: %s\n", msg);
		} else {
			CHECK(0, "unexpected event tag %d", tag);
		}
	}
}

static double now(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void expect_packet(int channel, const char *want, double deadline) {
	uint8_t got[256];
	while (gdwrtc_dc_available_packet_count(channel) == 0) {
		CHECK(now() < deadline, "no packet arrived on channel %d", channel);
		struct timespec ms = { 0, 1000000 };
		nanosleep(&ms, NULL);
	}
	int n = gdwrtc_dc_get_packet(channel, got, sizeof(got));
	CHECK(n == (int)strlen(want) && memcmp(got, want, (size_t)n) == 0, "channel %d received %d bytes, not '%s'", channel, n, want);
	printf("abi_test: channel %d received '%.*s'\n", channel, n, (const char *)got);
}

int main(int argc, char **argv) {
	CHECK(argc == 3, "usage: abi_test <class path> <library folder>");
	char cp[8192], lib[4096];
	snprintf(cp, sizeof(cp), "-Djava.class.path=%s", argv[1]);
	snprintf(lib, sizeof(lib), "-Djava.library.path=%s", argv[2]);
	const char *options[] = { cp, lib, "-Xrs" };
	CHECK(JavaCPP_init(3, options) == 0, "JavaCPP_init failed");

	int a = gdwrtc_pc_create(), b = gdwrtc_pc_create();
	CHECK(a > 0 && b > 0, "pc_create: %d %d", a, b);
	const char *opts = "{\"negotiated\":true,\"id\":1}";
	int ca = gdwrtc_pc_create_data_channel(a, "chat", 4, opts, (int)strlen(opts));
	int cb = gdwrtc_pc_create_data_channel(b, "chat", 4, opts, (int)strlen(opts));
	CHECK(ca > 0 && cb > 0, "create_data_channel: %d %d", ca, cb);

	/* Bad input answers with a Godot error and a message, never a crash. */
	CHECK(gdwrtc_dc_put_packet(ca, (const uint8_t *)"x", 1) == 1 /* FAILED: not open yet */, "put before open");
	char msg[256];
	int mlen = gdwrtc_last_error(msg, sizeof(msg) - 1);
	CHECK(mlen > 0, "no message for a failed call");
	CHECK(gdwrtc_dc_put_packet(9999, (const uint8_t *)"x", 1) == 31 /* ERR_INVALID_PARAMETER */, "bad handle");
	CHECK(gdwrtc_pc_set_remote_description(a, "bogus", 5, "", 0) == 31, "bad sdp type");

	CHECK(gdwrtc_pc_create_offer(a) == 0, "create_offer");
	double deadline = now() + 20;
	while (gdwrtc_dc_ready_state(ca) != 1 || gdwrtc_dc_ready_state(cb) != 1) {
		CHECK(now() < deadline, "channels did not open (pc states %d %d)", gdwrtc_pc_connection_state(a), gdwrtc_pc_connection_state(b));
		relay(a, b);
		relay(b, a);
		struct timespec ms = { 0, 5000000 };
		nanosleep(&ms, NULL);
	}
	CHECK(gdwrtc_pc_connection_state(a) == 2 || gdwrtc_pc_connection_state(a) == 1, "connection state");
	printf("abi_test: connected\n");

	const char *ping = "ping from a", *pong = "pong from b";
	CHECK(gdwrtc_dc_put_packet(ca, (const uint8_t *)ping, (int)strlen(ping)) == 0, "put a");
	expect_packet(cb, ping, now() + 10);
	CHECK(gdwrtc_dc_put_packet(cb, (const uint8_t *)pong, (int)strlen(pong)) == 0, "put b");
	expect_packet(ca, pong, now() + 10);

	/* A packet larger than the reader's buffer stays queued and reports its size. */
	static uint8_t big[100000];
	memset(big, 7, sizeof(big));
	CHECK(gdwrtc_dc_put_packet(ca, big, sizeof(big)) == 0, "put big");
	deadline = now() + 10;
	while (gdwrtc_dc_available_packet_count(cb) == 0) CHECK(now() < deadline, "big packet lost");
	uint8_t small[16];
	CHECK(gdwrtc_dc_get_packet(cb, small, sizeof(small)) == -6 /* -ERR_OUT_OF_MEMORY */, "small buffer");
	CHECK(gdwrtc_dc_next_packet_size(cb) == (int)sizeof(big), "next size");
	static uint8_t back[100000];
	CHECK(gdwrtc_dc_get_packet(cb, back, sizeof(back)) == (int)sizeof(big) && memcmp(big, back, sizeof(big)) == 0, "big packet");

	CHECK(gdwrtc_pc_close(a) == 0 && gdwrtc_release(a) == 0 && gdwrtc_release(b) == 0, "close/release");
	CHECK(gdwrtc_pc_create_offer(a) == 31, "use after release");
	CHECK(gdwrtc_release(ca) == 0 && gdwrtc_release(cb) == 0, "release channels");
	CHECK(gdwrtc_live_handles() == 0, "%d handles leaked", gdwrtc_live_handles());
	printf("abi_test: ok\n");
	return 0;
}
