#!/usr/bin/env bash
# Lets this x86_64 machine run arm64 programs (the arm64 rig root, native/godot-rig.sh): registers
# Debian's qemu-user-static for aarch64 ELF files with binfmt_misc, mounting it first if needed.
# Idempotent; needs root once per boot. The F flag makes the kernel open qemu now, so the
# registration also works inside chroots that do not contain qemu.
set -euo pipefail
binfmt=/proc/sys/fs/binfmt_misc
[ -e "$binfmt/qemu-aarch64" ] && exit 0
[ -x /usr/libexec/qemu-binfmt/aarch64-binfmt-P ] || "$(dirname "$0")/host-setup.sh"
[ -e "$binfmt/register" ] || mount -t binfmt_misc binfmt_misc "$binfmt"
# Debian's own registration line for qemu-aarch64 (with its magic and mask).
sed -n 's/^\(:qemu-aarch64:.*\)$/\1/p' /usr/lib/binfmt.d/qemu-aarch64.conf >"$binfmt/register" 2>/dev/null \
  || [ -e "$binfmt/qemu-aarch64" ] # another process registered it at the same time
[ -e "$binfmt/qemu-aarch64" ] || { echo "qemu-binfmt: could not register qemu-aarch64" >&2; exit 1; }
