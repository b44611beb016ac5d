## Voice chat over the WebRTC connections of a multiplayer peer (docs/voice.md): the microphone
## (an [AudioEffectCapture] on a bus the game names) goes to every peer as Opus; each peer's voice
## plays through an [AudioStreamGenerator] the game puts in an [AudioStreamPlayer],
## [AudioStreamPlayer2D] or [AudioStreamPlayer3D].
##
## Connections need voice when they are made: [code]initialize({"gdwrtcVoice": true})[/code]
## ([code]WebRTCLobbyClient.join(url, name, true, {"gdwrtcVoice": true})[/code]); both sides must
## ask for it. Then:
## [codeblock]
## var voice := WebRTCVoiceChat.new()
## add_child(voice)
## voice.start_microphone(&"Mic")          # a bus (muted, say) that the microphone plays on
## voice.peer_voice_added.connect(func(id, stream): $Players.get_node(str(id)).stream = stream)
## voice.muted = not Input.is_action_pressed("push_to_talk")   # each frame, for push-to-talk
## [/codeblock]
## Without [method attach] or a handler, each peer's voice plays on an [AudioStreamPlayer] child.
class_name WebRTCVoiceChat
extends Node

## A peer with voice appeared: its stream (48 kHz), already playing on the player made for it,
## unless [member create_players] is false (then put it in a player of your own and [method attach] it).
signal peer_voice_added(peer_id: int, stream: AudioStreamGenerator)
## A peer with voice left.
signal peer_voice_removed(peer_id: int)
## A peer started or stopped speaking (its voice above about -45 dBFS, 300 ms of hangover).
signal speaking_changed(peer_id: int, speaking: bool)
## Each batch of a peer's voice as it is handed to its stream (48 kHz, left = right); for
## recording, visualising or a custom mix.
signal voice_received(peer_id: int, frames: PackedVector2Array)

## The rate of every peer's stream.
const VOICE_RATE := 48000
## How much voice each peer's stream holds (seconds): what a frame hitch may take before audio is dropped.
const STREAM_BUFFER := 0.2

## The multiplayer peer whose connections carry voice; by default [member MultiplayerAPI.multiplayer_peer].
var multiplayer_peer: MultiplayerPeer
## Push-to-talk or mute: while true, the microphone is read and dropped, nothing is sent.
var muted := false
## Make an [AudioStreamPlayer] child per peer (on [member output_bus]).
var create_players := true
## The bus of the players [member create_players] makes.
var output_bus := &"Master"

var _capture: AudioEffectCapture
var _mic_player: AudioStreamPlayer
var _peers := {} # peer id -> _Peer


class _Peer:
	var connection: Object
	var stream := AudioStreamGenerator.new()
	var player: Node # ours (made) or the game's (attached)
	var made := false
	var playback: AudioStreamGeneratorPlayback
	var muted := false
	var speaking := false


## Starts capturing the microphone: an [AudioStreamMicrophone] plays on [param bus], whose
## [AudioEffectCapture] (added if the bus has none) is read each frame. Mute the bus so the
## player does not hear themselves; the capture still runs. Needs
## [code]audio/driver/enable_input[/code] in the project settings.
func start_microphone(bus: StringName) -> Error:
	var index := AudioServer.get_bus_index(bus)
	if index < 0:
		push_error("WebRTCVoiceChat: there is no audio bus '%s'." % bus)
		return ERR_DOES_NOT_EXIST
	stop_microphone()
	for i in AudioServer.get_bus_effect_count(index):
		if AudioServer.get_bus_effect(index, i) is AudioEffectCapture:
			_capture = AudioServer.get_bus_effect(index, i)
	if _capture == null:
		_capture = AudioEffectCapture.new()
		AudioServer.add_bus_effect(index, _capture)
	_capture.clear_buffer()
	_mic_player = AudioStreamPlayer.new()
	_mic_player.stream = AudioStreamMicrophone.new()
	_mic_player.bus = bus
	add_child(_mic_player)
	_mic_player.play()
	return OK


## Stops capturing (the bus keeps its capture effect).
func stop_microphone() -> void:
	if _mic_player:
		_mic_player.queue_free()
	_mic_player = null
	_capture = null


## Sends audio as if the microphone had captured it (a file, generated sound, another source):
## [param frames] at [param mix_rate] Hz; call it as the audio is due, in real time.
func push_frames(frames: PackedVector2Array, mix_rate: int) -> Error:
	if muted:
		return OK
	for p in _peers.values():
		return p.connection.push_voice(frames, mix_rate)
	return ERR_UNCONFIGURED # no connection with voice yet: nothing would hear it


## Plays [param peer_id]'s voice on [param player] (an AudioStreamPlayer, 2D or 3D: positional
## voice), instead of the player made for it.
func attach(peer_id: int, player: Node) -> Error:
	if not (player is AudioStreamPlayer or player is AudioStreamPlayer2D or player is AudioStreamPlayer3D):
		push_error("WebRTCVoiceChat.attach: the player must be an AudioStreamPlayer, AudioStreamPlayer2D or AudioStreamPlayer3D.")
		return ERR_INVALID_PARAMETER
	if not _peers.has(peer_id):
		push_error("WebRTCVoiceChat.attach: peer %d has no voice (yet)." % peer_id)
		return ERR_DOES_NOT_EXIST
	var p: _Peer = _peers[peer_id]
	if p.made and p.player:
		p.player.queue_free()
	p.made = false
	p.player = player
	player.stream = p.stream
	player.play()
	p.playback = player.get_stream_playback()
	return OK


## The stream [param peer_id]'s voice plays on (null if it has no voice).
func get_stream(peer_id: int) -> AudioStreamGenerator:
	return _peers[peer_id].stream if _peers.has(peer_id) else null


## Silences one peer for us (its voice is still received and dropped; [signal speaking_changed] goes on).
func set_peer_muted(peer_id: int, mute: bool) -> void:
	if _peers.has(peer_id):
		_peers[peer_id].muted = mute


## One peer's loudness on its player, in dB.
func set_peer_volume_db(peer_id: int, volume_db: float) -> void:
	if _peers.has(peer_id) and _peers[peer_id].player:
		_peers[peer_id].player.volume_db = volume_db


## Whether [param peer_id] is speaking now.
func is_speaking(peer_id: int) -> bool:
	return _peers.has(peer_id) and _peers[peer_id].speaking


func _process(_delta: float) -> void:
	var mp := multiplayer_peer if multiplayer_peer else multiplayer.multiplayer_peer
	if _capture:
		var n := _capture.get_frames_available()
		if n > 0:
			var frames := _capture.get_buffer(n)
			if not muted and not _peers.is_empty():
				push_frames(frames, int(AudioServer.get_mix_rate()))
	var current := {}
	if mp and mp.has_method("get_peers"):
		var peers: Dictionary = mp.get_peers()
		for id in peers:
			var connection = peers[id].get("connection")
			if connection and connection.has_method("has_voice") and connection.has_voice():
				current[id] = connection
	for id in _peers.keys():
		if not current.has(id) or current[id] != _peers[id].connection:
			_remove(id)
	for id in current:
		if not _peers.has(id):
			_add(id, current[id])
		_feed(id, _peers[id])


func _add(id: int, connection: Object) -> void:
	var p := _Peer.new()
	p.connection = connection
	p.stream.mix_rate = VOICE_RATE
	p.stream.buffer_length = STREAM_BUFFER
	_peers[id] = p
	if create_players:
		var player := AudioStreamPlayer.new()
		player.name = "Voice%d" % id
		player.bus = output_bus
		add_child(player)
		p.made = true
		p.player = player
		player.stream = p.stream
		player.play()
		p.playback = player.get_stream_playback()
	peer_voice_added.emit(id, p.stream)


func _remove(id: int) -> void:
	var p: _Peer = _peers[id]
	_peers.erase(id)
	if p.made and p.player:
		p.player.queue_free()
	if p.speaking:
		speaking_changed.emit(id, false)
	peer_voice_removed.emit(id)


func _feed(id: int, p: _Peer) -> void:
	var frames: PackedVector2Array = p.connection.get_voice_frames()
	var speaking: bool = p.connection.is_voice_speaking()
	if speaking != p.speaking:
		p.speaking = speaking
		speaking_changed.emit(id, speaking)
	if frames.is_empty() or p.muted:
		return
	voice_received.emit(id, frames)
	if p.playback == null and p.player and p.player.playing:
		p.playback = p.player.get_stream_playback()
	if p.playback:
		var room := p.playback.get_frames_available()
		if room < frames.size():
			frames = frames.slice(frames.size() - room) # the newest; a hitch loses the oldest
		p.playback.push_buffer(frames)
