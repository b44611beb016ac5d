#!/usr/bin/env bash
# `make demo`: the Java lobby (lobby/, as `make lobby` runs it) and three headless Godot players
# that find each other through it with the addon's WebRTCLobbyClient, connect over WebRTC
# (WebRTCMultiplayerPeerJava, and Godot's built-in WebRTCMultiplayerPeer for Bob) and greet each
# other with @rpc calls, printing what each one receives (demo/lobby_player.gd). Ada creates the
# lobby and seals it once all are in. Everything runs in a private network namespace
# (native/netns-run.sh); it ends by itself.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GODOT="$("$ROOT/native/godot-rig.sh")"
LOBBY_JAR="$ROOT/lobby/target/gdwrtc-lobby.jar"
[ -f "$LOBBY_JAR" ] || { echo "demo: build the lobby first (make lobby-jar)" >&2; exit 1; }

project="$(mktemp -d)"
trap 'rm -rf "$project"' EXIT
cp "$ROOT"/demo/*.gd "$ROOT"/demo/project.godot "$project"/
mkdir -p "$project/addons" "$project/.godot"
ln -s "$ROOT/build/addons/webrtc_java" "$project/addons/webrtc_java"
echo "res://addons/webrtc_java/webrtc_java.gdextension" > "$project/.godot/extension_list.cfg"

export ROOT GODOT project LOBBY_JAR
echo "demo: the Java lobby, 3 Godot players, one lobby, a private network (198.18.0.0/24)"
"$ROOT/native/netns-run.sh" bash -c '
  set -euo pipefail
  quiet() { grep --line-buffered -v "^Godot Engine\|^$" | sed -u "s/^/[$1] /"; }
  url=ws://127.0.0.1:9080
  java @"$ROOT/lobby/jvm.options" -jar "$LOBBY_JAR" --bind 127.0.0.1 --port 9080 --admin-port -1 > >(tee "$project/lobby.log" | quiet lobby) 2>&1 &
  lobby=$!
  trap "kill $lobby 2>/dev/null; wait $lobby 2>/dev/null || true" EXIT
  until grep -q "msg=\"listening\"" "$project/lobby.log"; do
    kill -0 $lobby 2>/dev/null || { echo "demo: the lobby did not start" >&2; exit 1; }
    sleep 0.2
  done
  play() { $GODOT --headless --path "$project" -s res://lobby_player.gd -- --url $url --peers 3 --name "$@" 2>&1 | tee "$project/$1.log" | quiet "$1"; }
  play Ada & pids=($!)
  for _ in $(seq 300); do
    name=$(sed -n "s/.*joined lobby \([A-Za-z0-9]*\) as peer 1.*/\1/p" "$project/Ada.log" 2>/dev/null || true)
    [ -n "$name" ] && break
    sleep 0.2
  done
  [ -n "$name" ] || { echo "demo: Ada made no lobby" >&2; exit 1; }
  play Bob --lobby "$name" --impl builtin & pids+=($!)
  play Cy --lobby "$name" & pids+=($!)
  status=0
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  for p in Ada Bob Cy; do grep -q "$p: ok, heard 2 peers" "$project/$p.log" || status=1; done
  exit $status' && echo "demo: every player heard every other player" || { echo "demo: FAILED" >&2; exit 1; }
