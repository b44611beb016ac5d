# The debugger's Monitors tab for WebRTC: per connected peer, its round trip in milliseconds and
# kilobytes per second each way (Performance custom monitors "WebRTC/peer <id> ..."), for the
# tree's multiplayer peer when it is WebRTCMultiplayerPeerJava or Godot's WebRTCMultiplayerPeer
# (over this addon's connections). The addon's plugin adds this as the autoload
# "WebRTCJavaMonitors"; it does nothing unless the game runs with the debugger (from the editor).
# A script and not the extension: monitors come and go with peers as Callables bound to the
# tree's multiplayer, which a Node does in a few lines and the C ABI would need a custom Callable for.
extends Node

const CATEGORY := "WebRTC"

var _monitored := {} # peer id -> the monitor names added for it
var _rates := {} # peer id -> [sent B/s, received B/s]
var _last := {} # peer id -> [sample time (s), bytes_sent, bytes_received]


func _ready() -> void:
	set_process(EngineDebugger.is_active())


func _process(_delta: float) -> void:
	var mp := multiplayer.multiplayer_peer
	var peers := {}
	if mp != null and mp.has_method("get_peers"):
		peers = mp.get_peers()
	for id in peers:
		var connection = peers[id].get("connection")
		if connection == null or not connection.has_method("get_stats"):
			continue
		if not _monitored.has(id):
			_add(id, connection)
		_update_rates(id, connection.get_stats())
	for id in _monitored.keys():
		if not peers.has(id):
			_remove(id)


func _exit_tree() -> void:
	for id in _monitored.keys():
		_remove(id)


func _add(id: int, connection: Object) -> void:
	var prefix := "%s/peer %d " % [CATEGORY, id]
	var names := [prefix + "round trip (ms)", prefix + "sent (kB/s)", prefix + "received (kB/s)"]
	var getters := [
		func(): return _round_trip_ms(connection),
		func(): return _rates.get(id, [0.0, 0.0])[0] / 1000.0,
		func(): return _rates.get(id, [0.0, 0.0])[1] / 1000.0,
	]
	for i in names.size():
		if not Performance.has_custom_monitor(names[i]):
			Performance.add_custom_monitor(names[i], getters[i])
	_monitored[id] = names


func _remove(id: int) -> void:
	for name in _monitored[id]:
		if Performance.has_custom_monitor(name):
			Performance.remove_custom_monitor(name)
	_monitored.erase(id)
	_rates.erase(id)
	_last.erase(id)


static func _round_trip_ms(connection: Object) -> float:
	if not is_instance_valid(connection):
		return 0.0
	var rtt: float = connection.get_stats().get("round_trip_time", -1.0)
	return maxf(rtt, 0.0) * 1000.0


# Bytes per second between the last two samples (a sample's time is now minus its age).
func _update_rates(id: int, stats: Dictionary) -> void:
	var age: float = stats.get("age", -1.0)
	if age < 0.0:
		return
	var taken := Time.get_ticks_usec() / 1e6 - age
	var sent: int = stats.get("bytes_sent", 0)
	var received: int = stats.get("bytes_received", 0)
	var last: Array = _last.get(id, [])
	if not last.is_empty() and taken - last[0] > 0.01:
		var span: float = taken - last[0]
		_rates[id] = [(sent - last[1]) / span, (received - last[2]) / span]
	if last.is_empty() or taken - last[0] > 0.01:
		_last[id] = [taken, sent, received]
