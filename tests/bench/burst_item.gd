# The node a world sync calls (tests/bench/mp_bench.gd, case rpc:N): counts the calls and those
# that arrive out of order (argument i is the call's index: one at or below an earlier one).
extends Node

var got := 0
var disorder := 0
var last_usec := 0
var last := -1


@rpc("any_peer", "call_remote", "reliable")
func item(i: int, _name: String) -> void:
	if i <= last:
		disorder += 1
	last = maxi(last, i)
	got += 1
	last_usec = Time.get_ticks_usec()
