# The RPC node: each peer says hello to every other peer, then tells them it has heard everyone.
extends Node

signal heard(from: int, text: String)
signal done(from: int)


@rpc("any_peer", "call_remote", "reliable")
func hear(text: String) -> void:
	heard.emit(multiplayer.get_remote_sender_id(), text)


@rpc("any_peer", "call_remote", "reliable")
func finished() -> void:
	done.emit(multiplayer.get_remote_sender_id())
