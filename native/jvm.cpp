#include "jvm.h"

#include <dirent.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <vector>

namespace gdwrtc {

Abi abi;

namespace {

bool is_file(const std::string &path) {
	struct stat st;
	return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string trim(const std::string &s) {
	size_t b = s.find_first_not_of(" \t\r\n\"");
	size_t e = s.find_last_not_of(" \t\r\n\"");
	return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// libjvm.so below a Java home (a JDK or a JRE).
std::string libjvm_in(const std::string &home) {
	for (const char *rel : { "/lib/server/libjvm.so", "/jre/lib/server/libjvm.so", "/lib/client/libjvm.so" }) {
		if (is_file(home + rel)) {
			return home + rel;
		}
	}
	return "";
}

// The "java_home" of addon_dir/jvm.cfg, if the user configured one.
std::string configured_home(const std::string &addon_dir) {
	std::ifstream in(addon_dir + "/jvm.cfg");
	std::string line;
	while (std::getline(in, line)) {
		size_t eq = line.find('=');
		if (line.empty() || line[0] == '#' || line[0] == ';' || eq == std::string::npos) {
			continue;
		}
		if (trim(line.substr(0, eq)) == "java_home") {
			return trim(line.substr(eq + 1));
		}
	}
	return "";
}

// The Java home behind the first `java` on PATH (resolving the alternatives symlinks).
std::string home_from_path() {
	const char *path = getenv("PATH");
	if (!path) {
		return "";
	}
	std::string all(path);
	size_t start = 0;
	while (start <= all.size()) {
		size_t end = all.find(':', start);
		std::string dir = all.substr(start, end == std::string::npos ? std::string::npos : end - start);
		std::string java = dir + "/java";
		if (!dir.empty() && access(java.c_str(), X_OK) == 0) {
			char real[4096];
			if (realpath(java.c_str(), real)) {
				std::string r(real); // <home>/bin/java
				size_t bin = r.rfind("/bin/java");
				if (bin != std::string::npos) {
					return r.substr(0, bin);
				}
			}
		}
		if (end == std::string::npos) {
			break;
		}
		start = end + 1;
	}
	return "";
}

std::string class_path(const std::string &lib_dir) {
	std::string cp;
	if (DIR *d = opendir(lib_dir.c_str())) {
		std::vector<std::string> jars;
		while (dirent *e = readdir(d)) {
			std::string n = e->d_name;
			if (n.size() > 4 && n.compare(n.size() - 4, 4, ".jar") == 0) {
				jars.push_back(lib_dir + "/" + n);
			}
		}
		closedir(d);
		for (const std::string &j : jars) {
			cp += (cp.empty() ? "" : ":") + j;
		}
	}
	return cp;
}

} // namespace

bool start_jvm(const std::string &addon_dir, std::string *error) {
	// Where to look, in order: the addon's jvm.cfg, JAVA_HOME, then `java` on PATH.
	std::vector<std::pair<std::string, std::string>> homes;
	homes.emplace_back(addon_dir + "/jvm.cfg", configured_home(addon_dir));
	const char *java_home = getenv("JAVA_HOME");
	homes.emplace_back("JAVA_HOME", java_home ? java_home : "");
	homes.emplace_back("java on PATH", home_from_path());

	std::string tried, libjvm;
	for (auto &[where, home] : homes) {
		std::string candidate = home.empty() ? "" : libjvm_in(home);
		tried += "\n  " + where + ": " + (home.empty() ? "(not set)" : home + (candidate.empty() ? " (no lib/server/libjvm.so)" : ""));
		if (!candidate.empty()) {
			libjvm = candidate;
			break;
		}
	}
	if (libjvm.empty()) {
		*error = "No Java runtime found (a JDK 17 or newer is required). Looked in:" + tried +
				"\nInstall a JDK, set JAVA_HOME, or put 'java_home=/path/to/jdk' in " + addon_dir + "/jvm.cfg.";
		return false;
	}
	// RTLD_GLOBAL: the JavaCPP library resolves JNI_CreateJavaVM from it.
	if (!dlopen(libjvm.c_str(), RTLD_NOW | RTLD_GLOBAL)) {
		*error = "Could not load the JVM " + libjvm + ": " + dlerror();
		return false;
	}
	std::string bin_dir = addon_dir + "/bin";
	std::string bridge = bin_dir + "/libjniGdwrtc.so";
	void *lib = dlopen(bridge.c_str(), RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		*error = "Could not load " + bridge + ": " + dlerror();
		return false;
	}
	Abi table;
	std::string missing;
#define GDWRTC_FN(name)                                                   \
	table.name = reinterpret_cast<decltype(table.name)>(dlsym(lib, #name)); \
	if (!table.name)                                                      \
		missing += std::string(" ") + #name;
#include "gdwrtc_functions.inc"
#undef GDWRTC_FN
	if (!missing.empty()) {
		*error = bridge + " lacks:" + missing + " (a stale build?)";
		return false;
	}
	std::string cp = class_path(addon_dir + "/lib");
	if (cp.empty()) {
		*error = "No jars in " + addon_dir + "/lib.";
		return false;
	}
	// java.library.path: JavaCPP's Loader must bind this very file, not extract a second copy.
	std::string opt_cp = "-Djava.class.path=" + cp;
	std::string opt_lib = "-Djava.library.path=" + bin_dir;
	const char *argv[] = { opt_cp.c_str(), opt_lib.c_str(), "-Xrs", "-Xss2m", "-XX:+UseSerialGC", "-Xmx512m" };
	int err = table.JavaCPP_init(sizeof(argv) / sizeof(argv[0]), argv);
	if (err != 0) {
		*error = "Starting the JVM from " + libjvm + " failed (JNI error " + std::to_string(err) + ").";
		return false;
	}
	abi = table;
	return true;
}

} // namespace gdwrtc
