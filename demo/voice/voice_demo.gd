# The voice demo (docs/voice.md): joins a lobby of the Java lobby (`make lobby`) with voice on and
# talks to everyone in it while Space (push to talk) is held. Each player's name turns green while
# they speak. Run two or more copies: the first creates the lobby, the others type its name.
# The project needs audio/driver/enable_input = true for the microphone.
extends Control

const LobbyClient = preload("res://addons/webrtc_java/lobby_client.gd") # class_name WebRTCLobbyClient
const VoiceChat = preload("res://addons/webrtc_java/voice_chat.gd") # class_name WebRTCVoiceChat
const MIC_BUS := &"Mic"

@onready var url: LineEdit = $Box/Url
@onready var lobby_name: LineEdit = $Box/Lobby
@onready var status: Label = $Box/Status
@onready var players: VBoxContainer = $Box/Players

var lobby: LobbyClient
var voice: VoiceChat


func _ready() -> void:
	# The microphone plays on a muted bus of its own: captured, never heard locally.
	if AudioServer.get_bus_index(MIC_BUS) < 0:
		AudioServer.add_bus()
		AudioServer.set_bus_name(AudioServer.bus_count - 1, MIC_BUS)
	AudioServer.set_bus_mute(AudioServer.get_bus_index(MIC_BUS), true)
	$Box/Join.pressed.connect(_join)


func _join() -> void:
	lobby = LobbyClient.new()
	add_child(lobby)
	lobby.joined.connect(func(name: String, id: int) -> void:
		multiplayer.multiplayer_peer = lobby.multiplayer_peer
		lobby_name.text = name
		status.text = "In lobby %s as peer %d. Hold Space to talk." % [name, id])
	lobby.failed.connect(func(reason: String) -> void: status.text = "Lobby: " + reason)
	lobby.join(url.text, lobby_name.text, true, {"gdwrtcVoice": true})
	voice = VoiceChat.new()
	add_child(voice)
	voice.muted = true
	if voice.start_microphone(MIC_BUS) != OK:
		status.text = "No microphone bus."
	voice.peer_voice_added.connect(func(id: int, _stream) -> void:
		var label := Label.new()
		label.name = str(id)
		label.text = "Player %d" % id
		players.add_child(label))
	voice.peer_voice_removed.connect(func(id: int) -> void:
		if players.has_node(str(id)):
			players.get_node(str(id)).queue_free())
	voice.speaking_changed.connect(func(id: int, speaking: bool) -> void:
		if players.has_node(str(id)):
			players.get_node(str(id)).modulate = Color.GREEN if speaking else Color.WHITE)
	$Box/Join.disabled = true


func _process(_delta: float) -> void:
	if voice:
		voice.muted = not Input.is_key_pressed(KEY_SPACE) # push to talk
