# A tiny signalling server for the tests and the demo: peers connect over TCP (inside the test's
# network namespace), get ids 1, 2, 3... and relay offers, answers and ICE candidates through it.
# Usage: godot --headless --path . -s res://lobby.gd -- --port 9080 --peers 2 [--timeout 60]
# (--timeout: seconds until it gives up, more for slow machines, e.g. emulated ones)
extends SceneTree

const Args = preload("res://args.gd")

var server := TCPServer.new()
var clients := {} # id -> StreamPeerTCP
var next_id := 1
var expected := 2
var seen := 0
var started := Time.get_ticks_msec()
var timeout_ms := 60000


func _initialize() -> void:
	var args := Args.parse()
	expected = int(args.get("peers", "2"))
	timeout_ms = int(args.get("timeout", "60")) * 1000
	var port := int(args.get("port", "9080"))
	var err := server.listen(port, "127.0.0.1")
	if err != OK:
		printerr("lobby: cannot listen on port %d (error %d)" % [port, err])
		quit(1)
		return
	print("lobby: listening on 127.0.0.1:%d for %d peers" % [port, expected])


func _process(_delta: float) -> bool:
	while server.is_connection_available():
		var tcp := server.take_connection()
		var id := next_id
		next_id += 1
		seen += 1
		clients[id] = tcp
		tcp.put_var({"type": "welcome", "id": id, "peers": clients.keys().filter(func(k): return k != id)})
	for id in clients.keys():
		var tcp: StreamPeerTCP = clients[id]
		tcp.poll()
		if tcp.get_status() != StreamPeerTCP.STATUS_CONNECTED:
			clients.erase(id)
			continue
		while tcp.get_available_bytes() > 0:
			var msg = tcp.get_var()
			if msg is Dictionary and clients.has(msg.get("to", 0)):
				msg["from"] = id
				clients[msg["to"]].put_var(msg)
	if seen >= expected and clients.is_empty():
		print("lobby: all peers left")
		quit(0)
	elif Time.get_ticks_msec() - started > timeout_ms:
		printerr("lobby: timed out")
		quit(1)
	return false
