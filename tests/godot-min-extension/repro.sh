#!/usr/bin/env bash
# Godot 4.6's first headless --import of a project holding a new GDExtension aborts, whatever the
# extension: this one registers one empty class and nothing else (docs/editor.md). Prints each
# fresh import's exit code, then one with .godot/extension_list.cfg written beforehand.
#   tests/godot-min-extension/repro.sh [runs]    (after `make addon`, which dumps the header)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$here/../.."
godot=$("$root/native/godot-rig.sh")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
gcc -shared -fPIC -fvisibility=hidden -I"$root/build/godot" -o "$work/libminimal.so" "$here/minimal.c" || exit 1
fresh() {
  rm -rf "$work/p"; mkdir -p "$work/p/addons/minimal"
  cp "$work/libminimal.so" "$here/minimal.gdextension" "$work/p/addons/minimal/"
  printf 'config_version=5\n[application]\nconfig/name="m"\n' >"$work/p/project.godot"
}
for i in $(seq "${1:-3}"); do
  fresh; $godot --headless --path "$work/p" --import >/dev/null 2>&1; echo "fresh import: exit $?"
done
fresh; mkdir -p "$work/p/.godot"; echo "res://addons/minimal/minimal.gdextension" >"$work/p/.godot/extension_list.cfg"
$godot --headless --path "$work/p" --import >/dev/null 2>&1; echo "extension listed beforehand: exit $?"
