// The static libstdc++ (see the Makefile's LDFLAGS_GDWRTC) carries std::random_device, which
// GCC 12 builds against glibc 2.36's arc4random: linked as is, libgdwrtc.so would refuse to load
// on glibc 2.35 (Ubuntu 22.04) although nothing here uses random_device. This local definition,
// hidden and never exported, satisfies that reference with the kernel's getrandom instead.
#include <sys/random.h>

#include <cerrno>
#include <cstdint>

extern "C" __attribute__((visibility("hidden"))) uint32_t arc4random(void) {
	uint32_t value = 0;
	while (getrandom(&value, sizeof(value), 0) < 0 && errno == EINTR) {
	}
	return value;
}
