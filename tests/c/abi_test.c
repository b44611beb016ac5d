/* Drives the gdwrtc_* C ABI from C alone, through the header JavaCPP generates: two peer
 * connections in one process signal each other, open a negotiated channel and exchange data both
 * ways. Usage: abi_test <class path> <folder of libjniGdwrtc.so>. Exits 0 on success. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <dirent.h>

#include "gdwrtc_constants.h"
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

/* A refused call answers ERR_INVALID_PARAMETER (negated where the function returns a value) and
 * leaves a message saying why. */
#define REFUSED(call) do { int r_ = (call); char m_[512]; \
	CHECK(r_ == GDWRTC_ERR_INVALID_PARAMETER || r_ == -GDWRTC_ERR_INVALID_PARAMETER, #call " answered %d", r_); \
	CHECK(gdwrtc_last_error(m_, sizeof(m_)) > 0, #call " left no message"); } while (0)

/* Every pointer parameter of the ABI, NULL with a size and a real buffer with a negative size. */
static void bad_buffers(int pc, int dc, int mp) {
	uint8_t buf[64];
	int ibuf[8], more = 0;
	const char *s = "x";
	REFUSED(gdwrtc_last_error(NULL, 100));
	REFUSED(gdwrtc_last_error((char *)buf, -1));
	REFUSED(gdwrtc_pc_initialize(pc, NULL, 3));
	REFUSED(gdwrtc_pc_initialize(pc, "{}", -2));
	REFUSED(gdwrtc_pc_create_data_channel(pc, NULL, 3, "{}", 2));
	REFUSED(gdwrtc_pc_create_data_channel(pc, "a", -1, "{}", 2));
	REFUSED(gdwrtc_pc_create_data_channel(pc, "a", 1, NULL, 3));
	REFUSED(gdwrtc_pc_create_data_channel(pc, "a", 1, "{}", -2));
	REFUSED(gdwrtc_pc_set_local_description(pc, NULL, 5, s, 1));
	REFUSED(gdwrtc_pc_set_local_description(pc, "offer", -5, s, 1));
	REFUSED(gdwrtc_pc_set_local_description(pc, "offer", 5, NULL, 1));
	REFUSED(gdwrtc_pc_set_local_description(pc, "offer", 5, s, -1));
	REFUSED(gdwrtc_pc_set_remote_description(pc, NULL, 5, s, 1));
	REFUSED(gdwrtc_pc_set_remote_description(pc, "offer", 5, s, -1));
	REFUSED(gdwrtc_pc_add_ice_candidate(pc, NULL, 1, 0, s, 1));
	REFUSED(gdwrtc_pc_add_ice_candidate(pc, s, -1, 0, s, 1));
	REFUSED(gdwrtc_pc_add_ice_candidate(pc, s, 1, 0, NULL, 1));
	REFUSED(gdwrtc_pc_add_ice_candidate(pc, s, 1, 0, s, -1));
	REFUSED(gdwrtc_pc_poll(pc, NULL, 100, &more));
	REFUSED(gdwrtc_pc_poll(pc, buf, -1, &more));
	REFUSED(gdwrtc_dc_put_packet(dc, NULL, 3));
	REFUSED(gdwrtc_dc_put_packet(dc, buf, -3));
	REFUSED(gdwrtc_dc_get_packet(dc, NULL, 3));
	REFUSED(gdwrtc_dc_get_packet(dc, buf, -3));
	REFUSED(gdwrtc_dc_label(dc, NULL, 3));
	REFUSED(gdwrtc_dc_label(dc, (char *)buf, -3));
	REFUSED(gdwrtc_dc_protocol(dc, NULL, 3));
	REFUSED(gdwrtc_dc_protocol(dc, (char *)buf, -3));
	REFUSED(gdwrtc_mp_create_server(mp, NULL, 3));
	REFUSED(gdwrtc_mp_create_server(mp, ibuf, -3));
	REFUSED(gdwrtc_mp_create_client(mp, 2, NULL, 3));
	REFUSED(gdwrtc_mp_create_client(mp, 2, ibuf, -3));
	REFUSED(gdwrtc_mp_create_mesh(mp, 2, NULL, 3));
	REFUSED(gdwrtc_mp_create_mesh(mp, 2, ibuf, -3));
	REFUSED(gdwrtc_mp_peer_ids(mp, NULL, 3));
	REFUSED(gdwrtc_mp_peer_ids(mp, ibuf, -3));
	REFUSED(gdwrtc_mp_peer_channels(mp, 2, NULL, 3));
	REFUSED(gdwrtc_mp_peer_channels(mp, 2, ibuf, -3));
	REFUSED(gdwrtc_mp_put_packet(mp, NULL, 3));
	REFUSED(gdwrtc_mp_put_packet(mp, buf, -3));
	REFUSED(gdwrtc_mp_get_packet(mp, NULL, 3));
	REFUSED(gdwrtc_mp_get_packet(mp, buf, -3));
	REFUSED(gdwrtc_mp_poll(mp, NULL, 3));
	REFUSED(gdwrtc_mp_poll(mp, ibuf, -3));
	REFUSED(gdwrtc_mp_drain_events(mp, NULL, 3));
	REFUSED(gdwrtc_mp_drain_events(mp, ibuf, -3));
	/* NULL with size 0 is a size query or an empty value, not a mistake. */
	CHECK(gdwrtc_last_error(NULL, 0) >= 0, "last_error(NULL, 0)");
	CHECK(gdwrtc_dc_label(dc, NULL, 0) == 4, "label(NULL, 0) is the label's length");
	CHECK(gdwrtc_mp_create_mesh(mp, 2, NULL, 0) == GDWRTC_OK, "create_mesh with no extra channels");
	CHECK(gdwrtc_mp_put_packet(mp, NULL, 0) == GDWRTC_OK, "an empty broadcast to nobody");
	printf("abi_test: every pointer parameter refuses NULL and negative sizes\n");
}

/* A released handle stays invalid when its number's slot is reused, and a second release fails. */
static void stale_handles(void) {
	int first = gdwrtc_mp_create();
	CHECK(first > 0 && gdwrtc_release(first) == GDWRTC_OK, "create/release");
	int second = gdwrtc_mp_create();
	CHECK(second > 0 && second != first, "a new object got the released handle %d", first);
	REFUSED(gdwrtc_mp_create_mesh(first, 1, NULL, 0));
	REFUSED(gdwrtc_release(first));
	CHECK(gdwrtc_mp_create_mesh(second, 1, NULL, 0) == GDWRTC_OK, "the second release freed the new object");
	CHECK(gdwrtc_release(second) == GDWRTC_OK, "release");
	REFUSED(gdwrtc_release(second));
	REFUSED(gdwrtc_release(0));
	REFUSED(gdwrtc_release(-7));
	REFUSED(gdwrtc_pc_create_offer(123456789));
	printf("abi_test: stale handles and double releases are refused\n");
}

/* Threads of the core still alive (their names start with gdwrtc-). */
static int core_threads(void) {
	int n = 0;
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	while (d && (e = readdir(d))) {
		char path[512], name[64] = "";
		snprintf(path, sizeof(path), "/proc/self/task/%s/comm", e->d_name);
		FILE *f = fopen(path, "r");
		if (f) {
			if (fgets(name, sizeof(name), f) && strncmp(name, "gdwrtc-", 7) == 0) {
				n++;
			}
			fclose(f);
		}
	}
	if (d) {
		closedir(d);
	}
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
		if (tag == GDWRTC_PC_EVENT_SESSION_DESCRIPTION) { /* type, sdp */
			char type[32], *sdp = malloc(65536);
			rds(&p, type, sizeof(type));
			int len = rds(&p, sdp, 65536);
			CHECK(gdwrtc_pc_set_local_description(from, type, (int)strlen(type), sdp, len) == 0, "set_local_description");
			CHECK(gdwrtc_pc_set_remote_description(to, type, (int)strlen(type), sdp, len) == 0, "set_remote_description");
			free(sdp);
		} else if (tag == GDWRTC_PC_EVENT_ICE_CANDIDATE) { /* media, index, name */
			char media[64], name[1024];
			rds(&p, media, sizeof(media));
			int index = rd(&p);
			int len = rds(&p, name, sizeof(name));
			CHECK(gdwrtc_pc_add_ice_candidate(to, media, (int)strlen(media), index, name, len) == 0, "add_ice_candidate");
		} else if (tag == GDWRTC_PC_EVENT_FAILURE) {
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
	CHECK(gdwrtc_dc_put_packet(ca, (const uint8_t *)"x", 1) == GDWRTC_FAILED /* not open yet */, "put before open");
	char msg[256];
	int mlen = gdwrtc_last_error(msg, sizeof(msg) - 1);
	CHECK(mlen > 0, "no message for a failed call");
	CHECK(gdwrtc_dc_put_packet(9999, (const uint8_t *)"x", 1) == GDWRTC_ERR_INVALID_PARAMETER, "bad handle");
	CHECK(gdwrtc_pc_set_remote_description(a, "bogus", 5, "", 0) == GDWRTC_ERR_INVALID_PARAMETER, "bad sdp type");
	int mp = gdwrtc_mp_create();
	CHECK(mp > 0, "mp_create");
	bad_buffers(a, ca, mp);
	CHECK(gdwrtc_release(mp) == GDWRTC_OK, "release mp");
	stale_handles();

	CHECK(gdwrtc_pc_create_offer(a) == 0, "create_offer");
	double deadline = now() + 20;
	while (gdwrtc_dc_ready_state(ca) != GDWRTC_DC_STATE_OPEN || gdwrtc_dc_ready_state(cb) != GDWRTC_DC_STATE_OPEN) {
		CHECK(now() < deadline, "channels did not open (pc states %d %d)", gdwrtc_pc_connection_state(a), gdwrtc_pc_connection_state(b));
		relay(a, b);
		relay(b, a);
		struct timespec ms = { 0, 5000000 };
		nanosleep(&ms, NULL);
	}
	CHECK(gdwrtc_pc_connection_state(a) == GDWRTC_PC_STATE_CONNECTED || gdwrtc_pc_connection_state(a) == GDWRTC_PC_STATE_CONNECTING, "connection state");
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
	CHECK(gdwrtc_dc_get_packet(cb, small, sizeof(small)) == -GDWRTC_ERR_OUT_OF_MEMORY, "small buffer");
	CHECK(gdwrtc_dc_next_packet_size(cb) == (int)sizeof(big), "next size");
	static uint8_t back[100000];
	CHECK(gdwrtc_dc_get_packet(cb, back, sizeof(back)) == (int)sizeof(big) && memcmp(big, back, sizeof(big)) == 0, "big packet");

	/* Stats: a header always, the body unless the caller holds that sample; small or NULL buffers refused. */
	uint8_t stats[4096];
	CHECK(gdwrtc_pc_stats(a, -1, NULL, 0) == -GDWRTC_ERR_INVALID_PARAMETER, "stats NULL buffer");
	CHECK(gdwrtc_pc_stats(a, -1, stats, GDWRTC_STATS_HEADER_SIZE - 1) == -GDWRTC_ERR_INVALID_PARAMETER, "stats small buffer");
	int got = gdwrtc_pc_stats(a, -1, stats, sizeof(stats));
	int32_t seq, body;
	memcpy(&seq, stats, 4);
	memcpy(&body, stats + 4, 4);
	CHECK(got > GDWRTC_STATS_HEADER_SIZE && body == got - GDWRTC_STATS_HEADER_SIZE && stats[GDWRTC_STATS_HEADER_SIZE] == GDWRTC_STATS_TAG_DICTIONARY,
			"stats body (%d bytes, %d in body)", got, body);
	CHECK(gdwrtc_pc_stats(a, seq, stats, sizeof(stats)) == GDWRTC_STATS_HEADER_SIZE, "stats header only for a known sample");
	CHECK(gdwrtc_pc_stats(a, -1, stats, GDWRTC_STATS_HEADER_SIZE) == got, "stats size when the body does not fit");
	CHECK(gdwrtc_pc_restart_ice(a) == 0, "restart_ice");

	CHECK(gdwrtc_pc_close(a) == 0 && gdwrtc_release(a) == 0 && gdwrtc_release(b) == 0, "close/release");
	CHECK(gdwrtc_pc_create_offer(a) == GDWRTC_ERR_INVALID_PARAMETER, "use after release");
	CHECK(gdwrtc_pc_stats(a, -1, stats, sizeof(stats)) == -GDWRTC_ERR_INVALID_PARAMETER, "stats after release");
	CHECK(gdwrtc_pc_restart_ice(b) == GDWRTC_ERR_INVALID_PARAMETER, "restart_ice after release");
	CHECK(gdwrtc_release(ca) == 0 && gdwrtc_release(cb) == 0, "release channels");
	CHECK(gdwrtc_live_handles() == 0, "%d handles leaked", gdwrtc_live_handles());

	/* After shutdown every call fails with a message (none restarts the core), and the core's
	 * threads are gone. */
	CHECK(core_threads() > 0, "no gdwrtc-* thread seen while running: the check below proves nothing");
	CHECK(gdwrtc_shutdown() == GDWRTC_OK, "shutdown");
	char why[256];
	int r = gdwrtc_pc_create();
	CHECK(r < 0 && gdwrtc_last_error(why, sizeof(why)) > 0, "pc_create after shutdown answered %d", r);
	CHECK(gdwrtc_shutdown() != GDWRTC_OK && gdwrtc_last_error(why, sizeof(why)) > 0, "second shutdown");
	CHECK(gdwrtc_dc_put_packet(cb, (const uint8_t *)"x", 1) != GDWRTC_OK, "put_packet after shutdown");
	/* join() returns once a Java thread is done; its OS thread leaves /proc a moment later. */
	double gone = now() + 10;
	while (core_threads() > 0 && now() < gone) {
		struct timespec ms = { 0, 1000000 };
		nanosleep(&ms, NULL);
	}
	CHECK(core_threads() == 0, "%d gdwrtc-* threads outlived shutdown", core_threads());
	printf("abi_test: after shutdown every call fails and no core thread remains\n");
	printf("abi_test: ok\n");
	return 0;
}
