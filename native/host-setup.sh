#!/usr/bin/env bash
# Installs, once and idempotently, the Debian packages the build, the demo and the tests use on this
# (host) machine, so `make demo` and `make test` work on a fresh one. Needs root, as the tests'
# network namespaces do; without root it prints the one command to run and fails.
#   libpulse0      webrtc-java's native library links it (nothing is played or recorded)
#   zip, unzip, xxd  the release zip and the class reference embedded in the extension
#   debootstrap    the Godot rig (native/godot-rig.sh)
#   iproute2, util-linux, nftables   the tests' network namespaces, links and packet loss
#   coturn, chromium, python3-aiortc the real TURN server and the other WebRTC stacks of the tests
#   qemu-user-static, g++-aarch64-linux-gnu   the arm64 addon: cross-built, tested under emulation
#   redis-server, openssl   the lobby's tests start their own Redis and make a TLS certificate (docs/lobby.md)
#   espeak-ng      the voice tests' speech (docs/voice.md)
set -euo pipefail

packages=(libpulse0 debootstrap iproute2 util-linux nftables make g++ gcc maven zip unzip xxd
  coturn chromium python3-aiortc qemu-user-static g++-aarch64-linux-gnu redis-server openssl espeak-ng)
command -v javac >/dev/null || packages+=(openjdk-17-jdk-headless)
command -v jlink >/dev/null || packages+=(openjdk-17-jdk-headless)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "host-setup: missing packages; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "host-setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# coturn's package enables a system service on some setups; the tests start their own servers.
# The same for redis-server.
command -v systemctl >/dev/null && systemctl disable --now coturn >/dev/null 2>&1 || true
command -v systemctl >/dev/null && systemctl disable --now redis-server >/dev/null 2>&1 || true
