#!/usr/bin/env bash
# Provisions the Godot engines the build and the tests use, and prints a command line that runs one.
# Godot 4.6 (with its export templates) and Godot 3.6's headless server ship only in Debian's
# unstable suite, so they live in a minimal sid root cached outside the repo and run through that
# root's own dynamic loader. The root has no Java: chrooted into, it is a player's machine.
#   native/godot-rig.sh             -> the command prefix for Godot 4 (provisioning if needed)
#   native/godot-rig.sh godot3      -> the command prefix for Godot 3's headless server
#   native/godot-rig.sh root        -> the root's path
#   native/godot-rig.sh godot3-src  -> a folder holding Debian's godot3 source package (GDNative headers)
# GODOT=/path/to/godot (and GODOT3=...) override the provisioned binaries.
set -euo pipefail

what="${1:-godot}"
case "$what" in
  godot) [ -n "${GODOT:-}" ] && { echo "$GODOT"; exit 0; } ;;
  godot3) [ -n "${GODOT3:-}" ] && { echo "$GODOT3"; exit 0; } ;;
  root|godot3-src) ;;
  *) echo "godot-rig: unknown argument '$what'" >&2; exit 2 ;;
esac

ROOT="${GODOT_RIG_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/godot-webrtc-java/sid-root}"
# libxcomposite1: a library a player's desktop has and minbase has not, which webrtc-java links
# (desktop capture); the exported-game test runs the game in this root as on a player's machine.
PACKAGES="godot godot-template-release godot-template-debug godot3-server libxcomposite1"
LIBPATH="$ROOT/usr/lib/x86_64-linux-gnu:$ROOT/lib/x86_64-linux-gnu:$ROOT/usr/lib/x86_64-linux-gnu/pulseaudio"
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
    debootstrap --variant=minbase sid "$ROOT" >"$ROOT.log" 2>&1 || { tail -20 "$ROOT.log"; exit 1; }
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
  godot) echo "$ROOT/lib64/ld-linux-x86-64.so.2 --library-path $LIBPATH $ROOT/usr/bin/godot" ;;
  godot3) echo "$ROOT/lib64/ld-linux-x86-64.so.2 --library-path $LIBPATH $ROOT/usr/bin/godot3-server" ;;
  root) echo "$ROOT" ;;
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
