/* Preloaded (before the sanitizer runtime) when Godot runs an ASan build of the extension: Godot
 * opens extensions with RTLD_DEEPBIND, which the sanitizer runtime refuses to load under. */
#define _GNU_SOURCE
#include <dlfcn.h>

void *dlopen(const char *file, int mode) {
	static void *(*next)(const char *, int);
	if (!next) {
		next = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
	}
	return next(file, mode & ~RTLD_DEEPBIND);
}
