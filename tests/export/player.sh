#!/usr/bin/env bash
# Runs an exported game as on a player's machine: chrooted into the rig root (Debian with Godot's
# libraries and no Java), in a private mount namespace with a noexec tmpfs on /tmp (so nothing
# may be extracted there and run) and a clean environment (no JAVA_HOME, no java on PATH). The
# network namespace is the caller's. The game folder is bound at /mnt inside. After the game ends,
# prints what it left in /tmp (its HOME too), which the tests check.
# Usage: player.sh ROOT GAME_DIR EXECUTABLE [game arguments...]
set -euo pipefail
exec unshare -m --propagation private -- bash -c '
  set -euo pipefail
  root=$1 game=$2 exe=$3
  shift 3
  mount -t tmpfs -o noexec,nosuid,nodev tmpfs "$root/tmp"
  mount -t proc proc "$root/proc"
  mount --bind "$game" "$root/mnt"
  status=0
  chroot "$root" /usr/bin/env -i HOME=/tmp PATH=/usr/local/bin:/usr/bin:/bin "/mnt/$exe" "$@" || status=$?
  echo "player: left in /tmp: $(cd "$root/tmp" && find . -mindepth 1 -maxdepth 2 | sort | tr "\n" " ")"
  exit $status
' player "$@"
