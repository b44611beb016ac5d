#include "elf_check.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <vector>

namespace gdwrtc {

namespace {

bool read_at(int fd, void *out, size_t size, off_t at) {
	return pread(fd, out, size, at) == (ssize_t)size;
}

std::string damaged(const std::string &path, uint64_t size, uint64_t needed) {
	return path + " is damaged: it has " + std::to_string(size) + " bytes, its headers describe " + std::to_string(needed) +
			" (copy the addon folder again from `make addon`, or export the game again).";
}

} // namespace

std::string truncated_library(const std::string &path) {
	int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		return ""; // dlopen names what is wrong with it
	}
	struct stat st;
	Elf64_Ehdr eh;
	std::string why;
	if (fstat(fd, &st) == 0 && read_at(fd, &eh, sizeof(eh), 0) && memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 &&
			eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_phentsize == sizeof(Elf64_Phdr)) {
		uint64_t size = (uint64_t)st.st_size;
		uint64_t needed = eh.e_phoff + (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr);
		std::vector<Elf64_Phdr> ph(eh.e_phnum);
		if (needed <= size && read_at(fd, ph.data(), ph.size() * sizeof(Elf64_Phdr), (off_t)eh.e_phoff)) {
			for (const Elf64_Phdr &p : ph) {
				if (p.p_type == PT_LOAD && p.p_offset + p.p_filesz > needed) {
					needed = p.p_offset + p.p_filesz;
				}
			}
		}
		uint64_t sections = eh.e_shoff + (uint64_t)eh.e_shnum * eh.e_shentsize;
		needed = sections > needed ? sections : needed;
		if (needed > size) {
			why = damaged(path, size, needed);
		}
	}
	close(fd);
	return why;
}

} // namespace gdwrtc
