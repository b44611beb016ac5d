#!/usr/bin/env bash
# `make demo`: three headless Godot players join a lobby, connect to each other over WebRTC through
# the addon (WebRTCMultiplayerPeerJava in mesh mode) and greet each other with @rpc calls, printing
# what each one receives. Everything runs in a private network namespace (native/netns-run.sh); it ends by itself.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GODOT="$("$ROOT/native/godot-rig.sh")"
PLAYERS=(Ada Bob Cy)

project="$(mktemp -d)"
trap 'rm -rf "$project"' EXIT
cp "$ROOT"/demo/*.gd "$ROOT"/demo/project.godot "$project"/
mkdir -p "$project/addons" "$project/.godot"
ln -s "$ROOT/build/addons/webrtc_java" "$project/addons/webrtc_java"
echo "res://addons/webrtc_java/webrtc_java.gdextension" > "$project/.godot/extension_list.cfg"

export GODOT project
echo "demo: ${#PLAYERS[@]} Godot players, one lobby, a private network (198.18.0.0/24)"
"$ROOT/native/netns-run.sh" bash -c '
  set -euo pipefail
  quiet() { grep --line-buffered -v "^Godot Engine\|^$" | sed -u "s/^/[$1] /"; }
  $GODOT --headless --path "$project" -s res://lobby.gd -- --port 9080 --peers $# 2>&1 | quiet lobby &
  sleep 0.5
  pids=()
  for name in "$@"; do
    $GODOT --headless --path "$project" -s res://peer.gd -- --port 9080 --peers $# --name "$name" 2>&1 | quiet "$name" &
    pids+=($!)
  done
  status=0
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  wait
  exit $status' demo "${PLAYERS[@]}" && echo "demo: every player heard every other player" || { echo "demo: FAILED" >&2; exit 1; }
