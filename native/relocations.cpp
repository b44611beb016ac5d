// The dynamic linker reads a library's relocation table (DT_RELA) once, while it loads it, and
// never again; the table stays mapped in a read-only segment for the life of the game. libjvm's
// is 2.3 MB and webrtc-java's library's 0.8 MB (their builds do not pack relative relocations),
// most of the memory they add to an idle game after the code itself. Those pages are file-backed
// and never written, so dropping them is safe: a later read (none is expected) would fault them in
// from the file unchanged. Pages in RELRO, which the linker wrote and then made read-only, or in a
// writable or executable segment are left alone.
#include "relocations.h"

#include <elf.h>
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

namespace gdwrtc {

namespace {

struct Walk {
	const std::vector<std::string> *folders;
	size_t released = 0;
};

bool in_folders(const char *path, const std::vector<std::string> &folders) {
	std::string p = path ? path : "";
	for (const std::string &f : folders) {
		if (!f.empty() && p.compare(0, f.size(), f) == 0 && p.size() > f.size() && p[f.size()] == '/') {
			return true;
		}
	}
	return false;
}

// Whether [from, to) lies inside a PF_R-only PT_LOAD segment of the object and outside its RELRO.
bool read_only_file_pages(const dl_phdr_info *info, ElfW(Addr) from, ElfW(Addr) to) {
	bool inside = false;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) &ph = info->dlpi_phdr[i];
		ElfW(Addr) start = info->dlpi_addr + ph.p_vaddr, end = start + ph.p_memsz;
		if (ph.p_type == PT_GNU_RELRO && from < end && to > start) {
			return false;
		}
		if (ph.p_type == PT_LOAD && ph.p_flags == PF_R && from >= start && to <= start + ph.p_filesz) {
			inside = true;
		}
	}
	return inside;
}

int visit(dl_phdr_info *info, size_t, void *data) {
	Walk *walk = static_cast<Walk *>(data);
	if (!in_folders(info->dlpi_name, *walk->folders)) {
		return 0;
	}
	const ElfW(Dyn) *dyn = nullptr;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		if (info->dlpi_phdr[i].p_type == PT_DYNAMIC) {
			dyn = reinterpret_cast<const ElfW(Dyn) *>(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
		}
	}
	ElfW(Addr) rela = 0, size = 0;
	for (; dyn && dyn->d_tag != DT_NULL; dyn++) {
		if (dyn->d_tag == DT_RELA) {
			rela = dyn->d_un.d_ptr;
		} else if (dyn->d_tag == DT_RELASZ) {
			size = dyn->d_un.d_val;
		}
	}
	if (!rela || !size) {
		return 0;
	}
	if (rela < info->dlpi_addr) {
		rela += info->dlpi_addr; // glibc adjusts the entry in place to the loaded address; others may not
	}
	ElfW(Addr) page = sysconf(_SC_PAGESIZE);
	ElfW(Addr) from = (rela + page - 1) & ~(page - 1), to = (rela + size) & ~(page - 1);
	if (to > from && read_only_file_pages(info, from, to) &&
			madvise(reinterpret_cast<void *>(from), to - from, MADV_DONTNEED) == 0) {
		walk->released += to - from;
	}
	return 0;
}

} // namespace

size_t release_relocation_tables(const std::vector<std::string> &folders) {
	Walk walk{ &folders };
	dl_iterate_phdr(visit, &walk);
	return walk.released;
}

} // namespace gdwrtc
