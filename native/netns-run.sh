#!/usr/bin/env bash
# Runs a command inside a network namespace of its own, with loopback and a veth pair in
# 198.18.0.0/15 (libwebrtc gathers no candidates on loopback alone), so the WebRTC traffic of the
# tests, the demo and `make addon`'s training run never leaves it. The namespace ends with the
# command.   native/netns-run.sh COMMAND [ARGS...]
set -euo pipefail
[ "$(id -u)" = 0 ] && share=(-n) || share=(-rn) # a user namespace lets others make one too
exec unshare "${share[@]}" -- bash -c '
  set -e
  ip link set lo up
  ip link add gdwrtc0 type veth peer name gdwrtc1
  ip addr add 198.18.0.1/24 dev gdwrtc0
  ip addr add 198.18.0.2/24 dev gdwrtc1
  ip link set gdwrtc0 up
  ip link set gdwrtc1 up
  exec "$@"' netns-run "$@"
