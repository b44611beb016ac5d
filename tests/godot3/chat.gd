# The RPC node: rpc (hear, finished) and rset (shout) between the players of peer.gd.
extends Node

signal heard(from, text)
signal shouted(from, text)
signal done(from)

remote var shout = "" setget set_shout


remote func hear(text):
	emit_signal("heard", get_tree().get_rpc_sender_id(), text)


remote func finished():
	emit_signal("done", get_tree().get_rpc_sender_id())


func set_shout(text):
	shout = text
	emit_signal("shouted", get_tree().get_rpc_sender_id(), text)
