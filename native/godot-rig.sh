#!/usr/bin/env bash
# Provisions the Godot engines the build and the tests use, and prints a command line that runs one.
# Godot 4.6 (with its export templates) and Godot 3.6's headless server ship only in Debian's
# unstable suite, so they live in a minimal sid root cached outside the repo and run through that
# root's own dynamic loader. The root has no Java: chrooted into, it is a player's machine.
#   native/godot-rig.sh             -> the command prefix for Godot 4 (provisioning if needed)
#   native/godot-rig.sh godot3      -> the command prefix for Godot 3's headless server
#   native/godot-rig.sh root        -> the root's path
#   native/godot-rig.sh godot3-src  -> a folder holding Debian's godot3 source package (GDNative headers)
#   native/godot-rig.sh godot-arm64 -> the same for arm64 Godot 4, run under qemu (an arm64 sid root)
#   native/godot-rig.sh root-arm64  -> that root's path
#   native/godot-rig.sh jdk-arm64   -> an arm64 JDK 17 (headers, jmods, java) unpacked beside that
#                                      root, not into it: the root stays a player's machine, no Java
# GODOT=/path/to/godot (and GODOT3=...) override the provisioned binaries.
set -euo pipefail

what="${1:-godot}"
case "$what" in
  godot) [ -n "${GODOT:-}" ] && { echo "$GODOT"; exit 0; } ;;
  godot3) [ -n "${GODOT3:-}" ] && { echo "$GODOT3"; exit 0; } ;;
  root|godot3-src|godot-arm64|root-arm64|jdk-arm64) ;;
  *) echo "godot-rig: unknown argument '$what'" >&2; exit 2 ;;
esac

ROOT="${GODOT_RIG_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/godot-webrtc-java/sid-root}"
# libxcomposite1: a library a player's desktop has and minbase has not, which webrtc-java links
# (desktop capture); the exported-game test runs the game in this root as on a player's machine.
PACKAGES="godot godot-template-release godot-template-debug godot3-server libxcomposite1"
TRIPLET=x86_64-linux-gnu LOADER=lib64/ld-linux-x86-64.so.2 ARCH=amd64
if [[ "$what" == *-arm64 ]]; then
  # The arm64 root runs under qemu-user (binfmt_misc); Godot 3 is not tested there.
  ROOT="$ROOT-arm64" PACKAGES="godot godot-template-release libxcomposite1"
  TRIPLET=aarch64-linux-gnu LOADER=lib/ld-linux-aarch64.so.1 ARCH=arm64
  "$(dirname "$0")/qemu-binfmt.sh"
fi
LIBPATH="$ROOT/usr/lib/$TRIPLET:$ROOT/lib/$TRIPLET:$ROOT/usr/lib/$TRIPLET/pulseaudio"
# sid's Release file may be past its Valid-Until date; the packages are still signed.
APT=(chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get -o Acquire::Check-Valid-Until=false)

lock="$ROOT.lock"
mkdir -p "$(dirname "$ROOT")"
exec 9>"$lock"
flock 9 # one provisioning at a time (tests and builds may ask at once)

if [ ! -f "$ROOT/.rig-complete" ]; then
  {
    echo "godot-rig: provisioning Godot into $ROOT (one time, a few minutes)"
    command -v debootstrap >/dev/null || "$(dirname "$0")/host-setup.sh"
    rm -rf "$ROOT"
    debootstrap --arch=$ARCH --variant=minbase sid "$ROOT" >"$ROOT.log" 2>&1 || { tail -20 "$ROOT.log"; exit 1; }
    touch "$ROOT/.rig-complete"
  } >&2
fi
if [ "$(cat "$ROOT/.rig-packages" 2>/dev/null)" != "$PACKAGES" ]; then
  {
    echo "godot-rig: installing $PACKAGES into $ROOT"
    { "${APT[@]}" update && "${APT[@]}" install -y --no-install-recommends $PACKAGES; } >>"$ROOT.log" 2>&1 \
      || { tail -20 "$ROOT.log"; exit 1; }
    echo "$PACKAGES" >"$ROOT/.rig-packages"
  } >&2
fi

case "$what" in
  godot|godot-arm64) echo "$ROOT/$LOADER --library-path $LIBPATH $ROOT/usr/bin/godot" ;;
  godot3) echo "$ROOT/$LOADER --library-path $LIBPATH $ROOT/usr/bin/godot3-server" ;;
  root|root-arm64) echo "$ROOT" ;;
  jdk-arm64)
    # Debian 12's (bookworm-security's) arm64 JDK 17, downloaded by the host's apt with a state of
    # its own (the host's package lists and architectures stay untouched) and unpacked beside the
    # root, not into it: jlink needs its jmods, the cross build its headers and libjvm, the CDS
    # dump its java (under qemu). Not sid's: its runtime needs glibc 2.38, Debian 12's 2.34, the
    # same floor as the x86_64 runtime (Raspberry Pi OS 12 has 2.36, Ubuntu 22.04 2.35).
    jdk="$ROOT-jdk"
    if [ ! -f "$jdk/.complete" ]; then
      {
        echo "godot-rig: unpacking Debian 12's arm64 JDK 17 into $jdk"
        apt_dir="$jdk.apt"
        rm -rf "$jdk" "$jdk.tmp" "$apt_dir" && mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
        touch "$apt_dir/status"
        keyring=/usr/share/keyrings/debian-archive-keyring.gpg
        echo "deb [arch=arm64 signed-by=$keyring] http://deb.debian.org/debian bookworm main
deb [arch=arm64 signed-by=$keyring] http://deb.debian.org/debian-security bookworm-security main" >"$apt_dir/sources.list"
        opts=(-o Dir::Etc::SourceList="$apt_dir/sources.list" -o Dir::Etc::SourceParts=/nonexistent
          -o Dir::State::Lists="$apt_dir/lists" -o Dir::State::Status="$apt_dir/status" -o Dir::Cache="$apt_dir/cache"
          -o APT::Architecture=arm64 -o APT::Architectures::=arm64 -o APT::Sandbox::User=root)
        { apt-get "${opts[@]}" update && (cd "$apt_dir/debs" && apt-get "${opts[@]}" download \
          openjdk-17-jdk-headless openjdk-17-jre-headless); } >>"$ROOT.log" 2>&1 || { tail -20 "$ROOT.log"; exit 1; }
        mkdir -p "$jdk.tmp"
        for deb in "$apt_dir"/debs/*.deb; do dpkg-deb -x "$deb" "$jdk.tmp"; done
        mv "$jdk.tmp/usr/lib/jvm/java-17-openjdk-arm64" "$jdk" && rm -rf "$jdk.tmp" "$apt_dir"
        touch "$jdk/.complete"
      } >&2
    fi
    echo "$jdk" ;;
  godot3-src)
    src="$ROOT/opt/godot3-src"
    if ! ls "$src"/godot3_*.orig.tar.* >/dev/null 2>&1; then
      {
        grep -q '^deb-src' "$ROOT/etc/apt/sources.list" \
          || sed -n 's/^deb /deb-src /p' "$ROOT/etc/apt/sources.list" >>"$ROOT/etc/apt/sources.list"
        mkdir -p "$src"
        "${APT[@]}" update >>"$ROOT.log" 2>&1
        chroot "$ROOT" bash -c 'cd /opt/godot3-src && apt-get -o Acquire::Check-Valid-Until=false source --download-only godot3' \
          >>"$ROOT.log" 2>&1 || { tail -20 "$ROOT.log"; exit 1; }
      } >&2
    fi
    echo "$src" ;;
esac
