# The node the scene scenario calls RPCs on: one copy per peer, at the same path under each
# peer's multiplayer root, recording what it hears for the transcript.
extends Node

var heard: Array[String] = []


@rpc("any_peer", "call_remote", "reliable")
func hear(text: String) -> void:
	heard.append("%s from %d" % [text, multiplayer.get_remote_sender_id()])


@rpc("any_peer", "call_remote", "unreliable_ordered", 1)
func hear_on_channel(text: String) -> void:
	heard.append("%s from %d (channel 1)" % [text, multiplayer.get_remote_sender_id()])
