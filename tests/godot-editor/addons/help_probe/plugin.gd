# Opens each of our classes in the editor's help (as F1 does) and prints the text the help page
# shows, one "help_probe:" block per class; quits when all are printed (exit 1 if one never showed).
@tool
extends EditorPlugin

const CLASSES := ["WebRTCMultiplayerPeerJava", "WebRTCPeerConnectionJava", "WebRTCDataChannelJava"]
var index := 0
var requested := false


func _enter_tree() -> void:
	set_process(true)


func _process(_delta: float) -> void:
	if Time.get_ticks_msec() > 240000: # EditorHelpTest waits 300 s
		printerr("help_probe: the help never showed ", CLASSES[index])
		get_tree().quit(1)
		return
	if EditorInterface.get_resource_filesystem().is_scanning():
		return
	var editor := EditorInterface.get_script_editor()
	if not requested:
		editor.goto_help("class_name:" + CLASSES[index])
		requested = true
		return
	for help in editor.find_children("*", "EditorHelp", true, false):
		for label in help.find_children("*", "RichTextLabel", false, false):
			var text: String = label.get_parsed_text()
			if label.is_finished() and text.contains(CLASSES[index]):
				print("help_probe: %s\n%s\nhelp_probe: end" % [CLASSES[index], text])
				index += 1
				requested = false
				if index == CLASSES.size():
					set_process(false)
					get_tree().quit(0)
				return
