#include "jvm.h"

#include "elf_check.h"
#include "message_leak.h"
#include "relocations.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <jni.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace gdwrtc {

Abi abi;
const Abi unavailable;
thread_local bool unavailable_answer = false;

bool take_unavailable_answer() {
	bool was = unavailable_answer;
	unavailable_answer = false;
	return was;
}

namespace {

// The options of every start, before jvm.cfg's jvm_options (which may override them).
// -Xrs: Godot owns SIGINT/SIGTERM/SIGQUIT. Serial GC: the least memory and threads for a small heap.
// -Xmx: a bounded heap, so a flood of received packets ends in a clean error, never the machine's
// memory (each connection holds at most 32 MiB unread; jvm_options in jvm.cfg may raise it).
// -Xms, StringTableSize: the addon's live heap and interned strings are small; the defaults (1/64
// of the machine's memory, 65536 buckets) would have the JVM touch memory a game never uses.
// Both grow when needed. -UsePerfData: no statistics file below the player's /tmp.
// Heap free ratios and -ShrinkHeapInSteps: a full collection after a burst of large packets
// (ChunkPool) gives the heap back at once, down to what is live, not over several collections to
// 3x what is live (the serial collector's defaults).
// Not C1 only, though it saves 2 MiB: without C2 the 60 fps round trip's p99 went from 1 frame
// to 2-4 frames in make bench.
// loadlibraries=false: the libraries are loaded here, so JavaCPP's runtime neither searches jars
// for its own (about 60 ms of the start) nor writes a cache below the player's home.
const char *const JVM_OPTIONS[] = { "-Xrs", "-Xss2m", "-XX:+UseSerialGC", "-Xms8m", "-Xmx512m", "-XX:StringTableSize=4096",
	"-XX:-UsePerfData", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40", "-XX:-ShrinkHeapInSteps",
	"-Dorg.bytedeco.javacpp.loadlibraries=false" };

constexpr int MIN_JAVA = 17;
const char *const CONFIG = "jvm.cfg";
const char *const CLASS_PATH_LIST = "lib/classpath.txt"; // the jars, in class path order (make addon)
const char *const CDS_ARCHIVE = "lib/gdwrtc.jsa"; // inside the bundled runtime
const char *const BOOT_CLASS = "dev/gdwrtc/boot/Boot";

bool is_file(const std::string &path) {
	struct stat st;
	return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool is_dir(const std::string &path) {
	struct stat st;
	return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string trim(const std::string &s) {
	size_t b = s.find_first_not_of(" \t\r\n\"");
	size_t e = s.find_last_not_of(" \t\r\n\"");
	return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string parent(const std::string &path) {
	size_t slash = path.rfind('/');
	return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

// A text file's lines, without their ends; none if it cannot be read. stdio, not iostreams: those
// would link (and initialise at every start) libstdc++'s locale machinery, most of this library.
std::vector<std::string> read_lines(const std::string &path) {
	std::vector<std::string> lines;
	FILE *f = fopen(path.c_str(), "re");
	if (!f) {
		return lines;
	}
	char *buf = nullptr;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&buf, &cap, f)) >= 0) {
		lines.emplace_back(buf, n > 0 && buf[n - 1] == '\n' ? n - 1 : n);
	}
	free(buf);
	fclose(f);
	return lines;
}

// jvm.cfg: `key = value` lines, '#' or ';' comments.
struct Config {
	std::string java_home;
	std::vector<std::string> options;
};

// jvm_options: separate arguments split at blanks; "double quotes" keep blanks inside one.
bool split_options(const std::string &text, std::vector<std::string> *out, std::string *error) {
	std::string cur;
	bool quoted = false, any = false;
	for (char c : text) {
		if (c == '"') {
			quoted = !quoted;
			any = true;
		} else if (!quoted && (c == ' ' || c == '\t')) {
			if (any) {
				out->push_back(cur);
			}
			cur.clear();
			any = false;
		} else {
			cur += c;
			any = true;
		}
	}
	if (quoted) {
		*error = "an unclosed \" in jvm_options";
		return false;
	}
	if (any) {
		out->push_back(cur);
	}
	for (const std::string &o : *out) {
		if (o.empty() || o[0] != '-') {
			*error = "jvm_options: '" + o + "' is not a JVM option (each starts with '-')";
			return false;
		}
		if (o == "-cp" || o == "-classpath" || o == "-jar" || o.rfind("-Djava.class.path=", 0) == 0) {
			*error = "jvm_options: '" + o + "' is not allowed (the addon sets the class path)";
			return false;
		}
	}
	return true;
}

bool read_config(const std::string &path, Config *cfg, std::string *error) {
	int n = 0;
	for (const std::string &line : read_lines(path)) {
		n++;
		std::string t = trim(line);
		if (t.empty() || t[0] == '#' || t[0] == ';') {
			continue;
		}
		size_t eq = line.find('=');
		std::string key = eq == std::string::npos ? t : trim(line.substr(0, eq));
		std::string value = eq == std::string::npos ? "" : trim(line.substr(eq + 1));
		std::string why;
		if (key == "java_home" && eq != std::string::npos) {
			cfg->java_home = value;
		} else if (key == "jvm_options" && eq != std::string::npos) {
			if (!split_options(line.substr(eq + 1), &cfg->options, &why)) {
				*error = path + " line " + std::to_string(n) + ": " + why;
				return false;
			}
		} else {
			*error = path + " line " + std::to_string(n) + ": '" + t + "' is not 'java_home = ...' or 'jvm_options = ...'";
			return false;
		}
	}
	return true;
}

// The major version in <home>/release (JAVA_VERSION="17.0.15"), 0 if unreadable.
int java_version(const std::string &home) {
	for (const std::string &line : read_lines(home + "/release")) {
		if (line.rfind("JAVA_VERSION=", 0) == 0) {
			std::string v = trim(line.substr(13));
			int major = atoi(v.c_str());
			return major == 1 ? atoi(v.c_str() + 2) : major; // 1.8 -> 8
		}
	}
	return 0;
}

// Empty if `home` is a complete Java home of a usable version, else why not.
std::string check_home(const std::string &home) {
	if (!is_dir(home)) {
		return "no such folder";
	}
	if (!is_file(home + "/lib/server/libjvm.so")) {
		return "no lib/server/libjvm.so";
	}
	for (const char *part : { "/release", "/lib/modules", "/lib/libjava.so", "/lib/libjimage.so" }) {
		if (!is_file(home + part)) {
			return std::string("incomplete: no ") + (part + 1);
		}
	}
	int v = java_version(home);
	if (v < MIN_JAVA) {
		return "Java " + (v ? std::to_string(v) : std::string("of unknown version")) + ", " + std::to_string(MIN_JAVA) + " or newer needed";
	}
	return "";
}

// JAVA_HOME as users set it: the home, or by mistake its bin/ folder.
std::string java_home_env() {
	const char *env = getenv("JAVA_HOME");
	std::string home = env ? env : "";
	while (home.size() > 1 && home.back() == '/') {
		home.pop_back();
	}
	if (home.size() > 4 && home.compare(home.size() - 4, 4, "/bin") == 0 && !is_file(home + "/lib/server/libjvm.so")) {
		home = parent(home);
	}
	return home;
}

// The Java home behind the first `java` on PATH (resolving the alternatives symlinks).
std::string home_from_path() {
	const char *path = getenv("PATH");
	std::string dirs = path ? path : "";
	for (size_t at = 0; at <= dirs.size();) {
		size_t end = std::min(dirs.find(':', at), dirs.size());
		std::string dir = dirs.substr(at, end - at);
		at = end + 1;
		std::string java = dir + "/java";
		char real[4096];
		if (!dir.empty() && access(java.c_str(), X_OK) == 0 && realpath(java.c_str(), real)) {
			std::string r(real); // <home>/bin/java
			size_t bin = r.rfind("/bin/java");
			if (bin != std::string::npos) {
				return r.substr(0, bin);
			}
		}
	}
	return "";
}

// Everything a start needs, found and checked on the caller's thread.
struct Plan {
	std::string home, libjvm, bridge, webrtc, lib_dir, config;
	std::vector<std::string> jars;
	std::vector<std::string> options; // jvm.cfg's
	std::string cds_archive; // only with the bundled runtime the archive was made for
};

bool make_plan(const std::string &addon, Plan *plan, std::string *error) {
	Config cfg;
	plan->config = addon + "/" + CONFIG;
	if (!read_config(plan->config, &cfg, error)) {
		return false;
	}
	plan->options = cfg.options;
	std::string bundled = addon + "/" + BUNDLED_RUNTIME;
	const std::pair<std::string, std::string> places[] = {
		{ "java_home in " + addon + "/" + CONFIG, cfg.java_home },
		{ "bundled runtime", bundled },
		{ "JAVA_HOME", java_home_env() },
		{ "java on PATH", home_from_path() },
	};
	std::string tried;
	for (const auto &[where, home] : places) {
		std::string why = home.empty() ? "" : check_home(home);
		tried += "\n  " + where + ": " + (home.empty() ? "(not set)" : home + (why.empty() ? "" : " (" + why + ")"));
		if (!home.empty() && why.empty()) {
			plan->home = home;
			break;
		}
	}
	if (plan->home.empty()) {
		*error = "No Java runtime found (Java " + std::to_string(MIN_JAVA) + " or newer is required). Looked in, in order:" + tried +
				"\nExport the game with the addon's bundled runtime (make addon builds it), set JAVA_HOME, or put"
				" 'java_home = /path/to/jdk' in " + addon + "/" + CONFIG + ".";
		return false;
	}
	plan->libjvm = plan->home + "/lib/server/libjvm.so";
	plan->bridge = addon + "/" + BRIDGE;
	plan->webrtc = addon + "/" + WEBRTC;
	plan->lib_dir = addon + "/lib";
	for (const std::string &f : { plan->bridge, plan->webrtc }) {
		if (!is_file(f)) {
			*error = "Missing " + f + " (the addon folder is incomplete: copy it again from `make addon`).";
			return false;
		}
	}
	for (const std::string &f : { plan->libjvm, plan->bridge, plan->webrtc }) {
		*error = truncated_library(f);
		if (!error->empty()) {
			return false;
		}
	}
	for (std::string jar : read_lines(addon + "/" + CLASS_PATH_LIST)) {
		jar = trim(jar);
		if (jar.empty()) {
			continue;
		}
		if (!is_file(plan->lib_dir + "/" + jar)) {
			*error = "Missing jar " + plan->lib_dir + "/" + jar + " (listed in " + addon + "/" + CLASS_PATH_LIST + ").";
			return false;
		}
		plan->jars.push_back(jar);
	}
	if (plan->jars.empty()) {
		*error = "No jars listed in " + addon + "/" + CLASS_PATH_LIST + " (the addon folder is incomplete).";
		return false;
	}
	std::string archive = bundled + "/" + CDS_ARCHIVE;
	if (plan->home == bundled && is_file(archive)) {
		plan->cds_archive = archive;
	}
	return true;
}

// --- the start, on a thread of its own ------------------------------------------------------

struct Boot {
	std::mutex lock;
	std::condition_variable ended;
	bool started = false, done = false, ok = false;
	std::string error;
	std::string jvm_output; // what the JVM printed while starting, for the error
	std::string hint; // where the options came from, for the error
	void (*on_error)(const std::string &) = nullptr;
} boot;

void finish(bool ok, const std::string &error) {
	void (*report)(const std::string &) = nullptr;
	{
		std::lock_guard<std::mutex> l(boot.lock);
		boot.ok = ok;
		boot.error = error;
		boot.done = true;
		report = ok ? nullptr : boot.on_error;
	}
	boot.ended.notify_all();
	if (report) {
		report(error);
	}
}

bool booting() {
	std::lock_guard<std::mutex> l(boot.lock);
	return !boot.done;
}

// The JVM's own messages while starting go into the error; later ones to stderr as usual.
jint JNICALL jvm_vfprintf(FILE *fp, const char *format, va_list args) {
	if (!booting()) {
		return vfprintf(fp, format, args);
	}
	char text[1024];
	int n = vsnprintf(text, sizeof(text), format, args);
	std::lock_guard<std::mutex> l(boot.lock);
	boot.jvm_output += text;
	return n;
}

// A JVM that fails while starting (a heap too small, an unusable runtime) exits or aborts the
// process from inside JNI_CreateJavaVM. While starting, that ends only the boot thread: the
// start is reported failed and the thread parks for good, so the host keeps running.
void park_if_booting(const char *what, int code) {
	if (!booting()) {
		return; // a running JVM exits as it would anywhere
	}
	std::string out, hint;
	{
		std::lock_guard<std::mutex> l(boot.lock);
		out = trim(boot.jvm_output);
		hint = boot.hint;
	}
	finish(false, std::string("The JVM ") + what + " while starting" + (code >= 0 ? " (code " + std::to_string(code) + ")" : "") +
					(out.empty() ? "." : ": " + out) + hint);
	for (;;) {
		pause();
	}
}
void JNICALL jvm_exit(jint code) { park_if_booting("exited", code); }
void JNICALL jvm_abort() { park_if_booting("aborted", -1); }

// The class path: the jars below /proc/self/fd/CDS_LIB_FD when that descriptor is free and /proc
// is mounted (so the CDS archive matches), else their real paths (and no archive).
std::string class_path(Plan *plan) {
	std::string cp;
	int fd = plan->cds_archive.empty() ? -1 : open(plan->lib_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	std::string via = "/proc/self/fd/" + std::to_string(CDS_LIB_FD);
	if (fd >= 0 && fcntl(CDS_LIB_FD, F_GETFD) == -1 && dup3(fd, CDS_LIB_FD, O_CLOEXEC) == CDS_LIB_FD &&
			is_file(via + "/" + plan->jars[0])) {
		close(fd); // CDS_LIB_FD stays open while the process runs: the JVM reads the jars through it
	} else {
		if (fd >= 0) {
			close(fd);
		}
		via = plan->lib_dir;
		plan->cds_archive.clear();
	}
	for (const std::string &j : plan->jars) {
		cp += (cp.empty() ? "" : ":") + via + "/" + j;
	}
	return cp;
}

// ChunkPool.mallocTrim: after a burst, the free pages of glibc's arenas go back to the system.
void JNICALL malloc_trim_native(JNIEnv *, jclass) { malloc_trim(0); }

void register_natives(JNIEnv *env) {
	jclass pool = env->FindClass("dev/gdwrtc/core/rtc/ChunkPool");
	JNINativeMethod trim = { const_cast<char *>("mallocTrim"), const_cast<char *>("()V"), reinterpret_cast<void *>(&malloc_trim_native) };
	if (!pool || env->RegisterNatives(pool, &trim, 1) != JNI_OK) {
		env->ExceptionClear(); // the pool then keeps what glibc keeps: not fatal
	}
}

bool run_boot(Plan plan, Abi *table, std::string *error) {
	// webrtc-java's 23 MB library is mapped and relocated while the JVM starts (System.load later
	// finds it loaded and only binds it); a failure here shows again, explained, in System.load.
	std::thread preload([webrtc = plan.webrtc] { dlopen(webrtc.c_str(), RTLD_NOW | RTLD_LOCAL); });
	struct Join {
		std::thread &t;
		~Join() {
			if (t.joinable()) {
				t.join();
			}
		}
	} join_preload{ preload };
	// RTLD_GLOBAL: the JavaCPP library resolves the JNI invocation functions from it.
	void *jvm = dlopen(plan.libjvm.c_str(), RTLD_NOW | RTLD_GLOBAL);
	if (!jvm) {
		*error = "Could not load the JVM " + plan.libjvm + ": " + dlerror();
		return false;
	}
	void *lib = dlopen(plan.bridge.c_str(), RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		*error = "Could not load " + plan.bridge + ": " + dlerror();
		return false;
	}
	std::string missing;
#define GDWRTC_FN(name)                                                     \
	table->name = reinterpret_cast<decltype(table->name)>(dlsym(lib, #name)); \
	if (!table->name)                                                       \
		missing += std::string(" ") + #name;
#include "gdwrtc_functions.inc"
#undef GDWRTC_FN
	auto create = reinterpret_cast<jint(JNICALL *)(JavaVM **, void **, void *)>(dlsym(jvm, "JNI_CreateJavaVM"));
	auto on_load = reinterpret_cast<jint(JNICALL *)(JavaVM *, void *)>(dlsym(lib, "JNI_OnLoad"));
	if (!missing.empty() || !create || !on_load) {
		*error = plan.bridge + " or " + plan.libjvm + " lacks:" + missing + (create && on_load ? "" : " JNI entry points") + " (a stale build?)";
		return false;
	}
	std::vector<std::string> args = { "-Djava.class.path=" + class_path(&plan), "-Djava.library.path=" + parent(plan.bridge) };
	args.insert(args.end(), std::begin(JVM_OPTIONS), std::end(JVM_OPTIONS));
	if (!plan.cds_archive.empty()) {
		args.insert(args.end(), { "-XX:SharedArchiveFile=" + plan.cds_archive, "-Xlog:cds=off" });
	}
	args.insert(args.end(), plan.options.begin(), plan.options.end());
	// The hooks first: they must be in place when the JVM reads (and complains about) the rest.
	std::vector<JavaVMOption> options = {
		{ const_cast<char *>("vfprintf"), reinterpret_cast<void *>(&jvm_vfprintf) },
		{ const_cast<char *>("exit"), reinterpret_cast<void *>(&jvm_exit) },
		{ const_cast<char *>("abort"), reinterpret_cast<void *>(&jvm_abort) },
	};
	for (std::string &a : args) {
		options.push_back({ a.data(), nullptr });
	}
	JavaVMInitArgs init = { JNI_VERSION_1_8, (jint)options.size(), options.data(), JNI_FALSE };
	{
		std::lock_guard<std::mutex> l(boot.lock);
		boot.hint = plan.options.empty() ? "" : "\nCheck jvm_options in " + plan.config + ".";
	}
	JavaVM *vm = nullptr;
	JNIEnv *env = nullptr;
	jint err = create(&vm, reinterpret_cast<void **>(&env), &init);
	if (err != JNI_OK) {
		std::lock_guard<std::mutex> l(boot.lock);
		std::string out = trim(boot.jvm_output);
		*error = "Starting the JVM from " + plan.home + " failed (JNI error " + std::to_string(err) + ")" +
				(out.empty() ? "." : ": " + out) + boot.hint;
		return false;
	}
	// As JavaCPP_init does after creating a JVM: the library binds its classes to it.
	if (on_load(vm, nullptr) < 0) {
		*error = "The JVM from " + plan.home + " could not load the addon's classes (jars in " + plan.lib_dir + ").";
		return false;
	}
	// Before any connection exists: no message may pass through the unwrapped table.
	if (!fix_message_leak(vm, env)) {
		fprintf(stderr, "gdwrtc: could not install the workaround for webrtc-java's per-message leak; received messages will hold memory.\n");
	}
	register_natives(env);
	preload.join();
	jclass cls = env->FindClass(BOOT_CLASS);
	jmethodID start = cls ? env->GetStaticMethodID(cls, "start", "(Ljava/lang/String;)Ljava/lang/String;") : nullptr;
	jstring result = nullptr;
	if (start) {
		jstring path = env->NewStringUTF(plan.webrtc.c_str());
		result = static_cast<jstring>(env->CallStaticObjectMethod(cls, start, path));
	}
	if (env->ExceptionCheck() || !result) {
		env->ExceptionClear();
		*error = std::string("No class ") + BOOT_CLASS + " in the jars of " + plan.lib_dir + " (the addon folder is incomplete).";
		vm->DetachCurrentThread();
		return false;
	}
	const char *chars = env->GetStringUTFChars(result, nullptr);
	*error = chars ? chars : "";
	env->ReleaseStringUTFChars(result, chars);
	vm->DetachCurrentThread();
	return error->empty();
}

// Memory the start no longer needs: libjvm's and webrtc-java's relocation tables
// (relocations.cpp), and what the JVM's start freed (class parsing, compiler arenas) into glibc's
// per-thread arenas, which keep it.
void release_start_memory(const std::vector<std::string> &folders) {
	std::vector<std::string> all = folders;
	for (const std::string &f : folders) {
		char real[4096];
		if (realpath(f.c_str(), real)) {
			all.push_back(real); // System.load names a library by its canonical path
		}
	}
	release_relocation_tables(all);
	malloc_trim(0);
}

void boot_thread(Plan plan) {
	Abi table;
	std::string error;
	std::vector<std::string> folders = { plan.home, parent(plan.lib_dir) };
	if (run_boot(std::move(plan), &table, &error)) {
		abi = table; // before `done`: whoever waits sees the live table
		finish(true, "");
		release_start_memory(folders);
	} else {
		finish(false, error);
	}
}

} // namespace

std::string addon_dir_of(const void *symbol) {
	Dl_info info;
	if (!dladdr(symbol, &info) || !info.dli_fname) {
		return ".";
	}
	char real[4096];
	std::string dir = parent(realpath(info.dli_fname, real) ? real : info.dli_fname);
	if (is_dir(dir + "/" + EXPORTED_ADDON)) {
		return dir + "/" + EXPORTED_ADDON; // an exported game
	}
	return parent(dir); // <addon>/bin
}

bool start_jvm_async(const std::string &addon_dir, void (*on_error)(const std::string &), std::string *error) {
	Plan plan;
	if (!make_plan(addon_dir, &plan, error)) {
		std::lock_guard<std::mutex> l(boot.lock);
		boot.error = *error;
		return false;
	}
	std::lock_guard<std::mutex> l(boot.lock);
	if (boot.started) {
		*error = "The JVM was already started once in this process.";
		return false;
	}
	boot.started = true;
	boot.on_error = on_error;
	// Detached: a thread whose JVM aborted its start stays parked and cannot be joined.
	std::thread(boot_thread, std::move(plan)).detach();
	return true;
}

bool wait_jvm() {
	std::unique_lock<std::mutex> l(boot.lock);
	boot.ended.wait(l, [] { return boot.done || !boot.started; });
	return boot.ok;
}

std::string start_error() {
	std::lock_guard<std::mutex> l(boot.lock);
	return boot.ok ? "" : boot.error;
}

bool start_jvm(const std::string &addon_dir, std::string *error) {
	if (!start_jvm_async(addon_dir, nullptr, error)) {
		return false;
	}
	if (wait_jvm()) {
		return true;
	}
	std::lock_guard<std::mutex> l(boot.lock);
	*error = boot.error;
	return false;
}

} // namespace gdwrtc
