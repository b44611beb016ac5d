// The class reference of our three classes (gdextension/doc_classes/*.xml, in Godot's doc format)
// is embedded at build time (build/gen/doc_classes.inc) and handed to the editor's help here, at the
// editor initialization level: the editor shows it as it shows its own classes' reference.
#include "docs.h"
#include "godot.h"

namespace gdwrtc::editor {

namespace {

struct DocXml {
	const char *name;
	const unsigned char *xml;
	unsigned int size;
};

#include "doc_classes.inc" // const DocXml DOC_CLASSES[] = { ... };

} // namespace

void load_docs() {
	// Absent where there is no editor help (an export template); then there is nothing to show.
	auto load = reinterpret_cast<GDExtensionsInterfaceEditorHelpLoadXmlFromUtf8CharsAndLen>(
			lookup("editor_help_load_xml_from_utf8_chars_and_len"));
	if (!load) {
		return;
	}
	for (const DocXml &doc : DOC_CLASSES) {
		load(reinterpret_cast<const char *>(doc.xml), (GDExtensionInt)doc.size);
	}
}

} // namespace gdwrtc::editor
