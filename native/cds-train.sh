#!/usr/bin/env bash
# `make addon`: records the classes a game's session loads into CLASS_LIST, for the addon's CDS
# archive. Real headless Godot runs native/cds-training/train.gd with a hard-linked copy of the
# built addon whose jvm.cfg asks the JVM for the list, inside a network namespace of its own
# (native/netns-run.sh).
#   native/cds-train.sh ADDON_DIR CLASS_LIST
# Exits 2 when this machine cannot make a network namespace (the addon then has no archive).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
addon="$(realpath "$1")"
list="$(realpath -m "$2")"
godot="$("$here/godot-rig.sh" godot)"
work="$(dirname "$list")/cds-training"
rm -rf "$work" "$list"
"$here/netns-run.sh" true 2>/dev/null || { echo "cds-train: cannot make a network namespace here (unshare -n or -rn)" >&2; exit 2; }
cp -r "$here/cds-training" "$work"
mkdir -p "$work/addons" "$work/.godot"
cp -al "$addon" "$work/addons/webrtc_java"
rm -f "$work/addons/webrtc_java/jvm.cfg" # a link to the addon's own: replaced, not written through
echo "jvm_options = -Xshare:off -XX:DumpLoadedClassList=$list" >"$work/addons/webrtc_java/jvm.cfg"
echo "res://addons/webrtc_java/webrtc_java.gdextension" >"$work/.godot/extension_list.cfg"
cd "$work"
"$here/netns-run.sh" $godot --headless -s train.gd >train.log 2>&1 || { cat train.log >&2; exit 1; }
grep -q '^dev/gdwrtc/' "$list" || { echo "cds-train: no addon classes in $list" >&2; cat train.log >&2; exit 1; }
rm -rf "$work"
