# The RPC node of burst.gd: counts entity() calls, which must come once each, in order.
extends Node

signal received_all(n: int, ms: int)
signal confirmed(n: int)

var expected := 0
var next := 0
var failure := ""
var first_ms := 0


@rpc("any_peer", "call_remote", "reliable")
func entity(i: int, label: String) -> void:
	if next == 0:
		first_ms = Time.get_ticks_msec()
	if i != next or label != "entity %d" % i:
		if failure == "":
			failure = "got entity %d ('%s') where %d was next" % [i, label, next]
		return
	next += 1
	if next == expected:
		received_all.emit(next, Time.get_ticks_msec() - first_ms)


@rpc("any_peer", "call_remote", "reliable")
func confirm(n: int) -> void:
	confirmed.emit(n)
