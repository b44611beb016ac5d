# Opens each of our classes in the editor's help (as F1 does) and prints the text the help page
# shows, one "help_probe:" block per class; quits when all are printed (exit 1 if one never showed).
# A page still without descriptions is closed and opened again (as a user would) until the
# deadline: on a first start the editor generates its help for a few seconds, and the addon has it
# reload our reference when that generation is done. At the deadline the last page is printed.
@tool
extends EditorPlugin

const CLASSES := ["WebRTCMultiplayerPeerJava", "WebRTCPeerConnectionJava", "WebRTCDataChannelJava"]
const NO_DESCRIPTION := "There is currently no description"
const GIVE_UP_MSEC := 120000 # EditorHelpTest waits 300 s per run
const RETRY_MSEC := 1000
var index := 0
var requested := false
var retry_at := 0


func _enter_tree() -> void:
	set_process(true)


func _process(_delta: float) -> void:
	var now := Time.get_ticks_msec()
	if now > GIVE_UP_MSEC + 60000:
		printerr("help_probe: the help never showed ", CLASSES[index])
		get_tree().quit(1)
		return
	if EditorInterface.get_resource_filesystem().is_scanning() or now < retry_at:
		return
	var editor := EditorInterface.get_script_editor()
	if not requested:
		editor.goto_help("class_name:" + CLASSES[index])
		requested = true
		return
	for help in editor.find_children("*", "EditorHelp", true, false):
		for label in help.find_children("*", "RichTextLabel", false, false):
			var text: String = label.get_parsed_text()
			if not label.is_finished() or not text.contains(CLASSES[index]):
				continue
			if text.contains(NO_DESCRIPTION) and now < GIVE_UP_MSEC:
				help.queue_free() # closes the page, so the next request renders it anew
				requested = false
				retry_at = now + RETRY_MSEC
				return
			print("help_probe: %s (after %d ms)\n%s\nhelp_probe: end" % [CLASSES[index], now, text])
			index += 1
			requested = false
			if index == CLASSES.size():
				set_process(false)
				get_tree().quit(0)
			return
