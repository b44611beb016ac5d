// What the extension does at Godot's editor initialization level (the editor only; never in a game).
#pragma once

#include <gdextension_interface.h>

namespace gdwrtc::editor {

// Keeps the interface lookup: the editor-only functions are optional and looked up by name.
void bind(GDExtensionInterfaceGetProcAddress get_proc_address);

// docs.cpp: hands our class reference (doc_classes/*.xml, embedded at build time) to the editor's help.
void load_docs();

// doc_cache.cpp: after the editor regenerated its help cache in this run (a first start, a Godot
// update), which drops the reference load_docs() gave it, has the editor reload it.
void follow_help_cache();

// first_import.cpp: true in a headless editor that loaded us mid-run (a first import), which then
// shows no help; undone at the editor level's deinitialization.
bool guard_first_import();
void end_first_import_guard();

// Shared by both: the interface's lookup, and a singleton by name (null when absent).
GDExtensionInterfaceFunctionPtr lookup(const char *name);
GDExtensionObjectPtr singleton(const char *name);

} // namespace gdwrtc::editor
