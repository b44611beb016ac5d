#!/usr/bin/env bash
# Provisions a headless Godot 4 for the build (interface dump) and the tests, and prints a command
# line that runs it. Godot 4.6 ships only in Debian's unstable suite, so it lives in a minimal sid
# root cached outside the repo and runs through that root's own dynamic loader.
#   native/godot-rig.sh            -> prints the command prefix for Godot (provisioning if needed)
# GODOT=/path/to/godot overrides everything (a user's own binary).
set -euo pipefail

if [ -n "${GODOT:-}" ]; then
  echo "$GODOT"
  exit 0
fi

ROOT="${GODOT_RIG_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/godot-webrtc-java/sid-root}"
GODOT_BIN="$ROOT/usr/bin/godot"
LIBPATH="$ROOT/usr/lib/x86_64-linux-gnu:$ROOT/lib/x86_64-linux-gnu:$ROOT/usr/lib/x86_64-linux-gnu/pulseaudio"

if [ ! -x "$GODOT_BIN" ] || [ ! -f "$ROOT/.rig-complete" ]; then
  {
    echo "godot-rig: provisioning Godot into $ROOT (one time, about a minute)"
    if ! command -v debootstrap >/dev/null; then
      { apt-get update -qq && apt-get install -y -qq debootstrap; } >/dev/null 2>&1
    fi
    rm -rf "$ROOT"
    mkdir -p "$(dirname "$ROOT")"
    debootstrap --variant=minbase sid "$ROOT" >"$ROOT.log" 2>&1 || { tail -20 "$ROOT.log"; exit 1; }
    chroot "$ROOT" apt-get install -y --no-install-recommends godot >>"$ROOT.log" 2>&1 \
      || { tail -20 "$ROOT.log"; exit 1; }
    touch "$ROOT/.rig-complete"
  } >&2
fi

echo "$ROOT/lib64/ld-linux-x86-64.so.2 --library-path $LIBPATH $GODOT_BIN"
