// Godot 4.6 drops our class reference when its editor regenerates the help cache: on the first
// start of an editor (no editor_doc_cache-*.res in its cache folder) and after a Godot update (the
// cache's version no longer matches). Only the cached path merges the extensions' reference back
// (EditorHelp::_gen_extensions_docs, deferred by _load_doc_thread); the regenerating path
// (_gen_doc_thread) never does, so every page of our classes reads "There is currently no
// description" until the editor is restarted.
//
// So the editor level watches the cache folder, once per frame for a short while after the start,
// and when the editor wrote a help cache during this run it emits GDExtensionManager's
// `extensions_reloaded`: EditorNode then regenerates the help from the cache it just wrote, on
// its own path for a hot-reloaded extension, which waits for the generation thread and merges
// the extensions' reference. A warm start never writes the cache and costs one stat a frame
// until the watch ends. Runs that quit on their own (import, export, --quit) are not watched:
// the reload's deferred merge could then run after the editor freed its help (see first_import.cpp).
#include "editor_level.h"
#include "godot.h"
#include "godot_hashes.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>

#include <cstring>
#include <string>
#include <vector>

namespace gdwrtc::editor {

namespace {

// Godot regenerates its help in the first seconds of a start; a slow machine may take a minute.
constexpr int64_t WATCH_SECONDS = 300;
constexpr const char *CACHE_PREFIX = "editor_doc_cache-";

// Options after which the editor quits by itself, or runs a script instead (main.cpp's command line).
const char *const QUITTING_OPTIONS[] = { "--import", "--export-release", "--export-debug", "--export-pack", "--export-patch",
	"--export", "--quit", "--quit-after", "-s", "--script" };

struct Watch {
	bool active = false;
	timespec started = {};
	std::string cache_dir;
} watch;

int64_t seconds_since(const timespec &t) {
	timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	return (int64_t)(now.tv_sec - t.tv_sec);
}

bool quits_by_itself() {
	FILE *f = fopen("/proc/self/cmdline", "re");
	if (!f) {
		return false;
	}
	std::string all;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		all.append(buf, n);
	}
	fclose(f);
	for (size_t at = 0; at < all.size(); at += strlen(all.c_str() + at) + 1) {
		for (const char *option : QUITTING_OPTIONS) {
			if (strcmp(all.c_str() + at, option) == 0) {
				return true;
			}
		}
	}
	return false;
}

bool in_editor() {
	gd::StringName cls("Engine"), method("is_editor_hint");
	GDExtensionMethodBindPtr mb = gd::api.classdb_get_method_bind(cls.ptr(), method.ptr(), HASH_IS_EDITOR_HINT);
	GDExtensionObjectPtr engine = singleton("Engine");
	GDExtensionBool hint = false;
	if (mb && engine) {
		gd::api.object_method_bind_ptrcall(mb, engine, nullptr, &hint);
	}
	return hint;
}

std::string editor_cache_dir() {
	GDExtensionObjectPtr editor = singleton("EditorInterface");
	gd::StringName ei("EditorInterface"), get_paths("get_editor_paths"), ep("EditorPaths"), get_dir("get_cache_dir");
	GDExtensionMethodBindPtr paths_mb = gd::api.classdb_get_method_bind(ei.ptr(), get_paths.ptr(), HASH_GET_EDITOR_PATHS);
	GDExtensionMethodBindPtr dir_mb = gd::api.classdb_get_method_bind(ep.ptr(), get_dir.ptr(), HASH_GET_CACHE_DIR);
	if (!editor || !paths_mb || !dir_mb) {
		return "";
	}
	GDExtensionObjectPtr paths = nullptr;
	gd::api.object_method_bind_ptrcall(paths_mb, editor, nullptr, &paths);
	if (!paths) {
		return "";
	}
	gd::String dir;
	gd::api.object_method_bind_ptrcall(dir_mb, paths, nullptr, dir.ptr());
	return gd::String::utf8(dir.ptr());
}

// True if an editor_doc_cache-*.res in the cache folder was written since the watch started.
bool cache_written_since_start() {
	DIR *dir = opendir(watch.cache_dir.c_str());
	if (!dir) {
		return false;
	}
	bool written = false;
	while (dirent *e = readdir(dir)) {
		struct stat st;
		std::string path = watch.cache_dir + "/" + e->d_name;
		if (strncmp(e->d_name, CACHE_PREFIX, strlen(CACHE_PREFIX)) == 0 && stat(path.c_str(), &st) == 0 &&
				(st.st_mtim.tv_sec > watch.started.tv_sec ||
						(st.st_mtim.tv_sec == watch.started.tv_sec && st.st_mtim.tv_nsec >= watch.started.tv_nsec))) {
			written = true;
		}
	}
	closedir(dir);
	return written;
}

void on_startup() {
	// The editor level also initializes when the editor's binary runs a game or a script.
	if (!in_editor()) {
		return;
	}
	watch.cache_dir = editor_cache_dir();
	watch.active = !watch.cache_dir.empty() && !quits_by_itself();
}

void on_frame() {
	if (!watch.active) {
		return;
	}
	if (cache_written_since_start()) {
		watch.active = false;
		static const gd::StringName extensions_reloaded("extensions_reloaded");
		gd::emit_signal(singleton("GDExtensionManager"), extensions_reloaded, {});
	} else if (seconds_since(watch.started) > WATCH_SECONDS) {
		watch.active = false;
	}
}

} // namespace

void follow_help_cache() {
	// Godot 4.5+; an older editor keeps its behaviour (the reference shows from its second start).
	auto register_callbacks = reinterpret_cast<GDExtensionInterfaceRegisterMainLoopCallbacks>(lookup("register_main_loop_callbacks"));
	if (!register_callbacks) {
		return;
	}
	clock_gettime(CLOCK_REALTIME, &watch.started);
	static const GDExtensionMainLoopCallbacks callbacks = { on_startup, nullptr, on_frame };
	register_callbacks(gd::library, &callbacks);
}

} // namespace gdwrtc::editor
