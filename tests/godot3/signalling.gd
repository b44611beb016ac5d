# The Godot 3 side of the tests' line lobby (LineLobby.java): "<to> <json>" lines over TCP.
extends Reference

signal message(from, msg)

var tcp = StreamPeerTCP.new()
var pending = ""


func connect_to(port):
	return tcp.connect_to_host("127.0.0.1", port)


func send(to, msg):
	tcp.put_data(("%d %s\n" % [to, to_json(msg)]).to_utf8())


func poll():
	if tcp.get_status() != StreamPeerTCP.STATUS_CONNECTED:
		return
	var n = tcp.get_available_bytes()
	if n > 0:
		pending += tcp.get_data(n)[1].get_string_from_utf8()
	while pending.find("\n") >= 0:
		var line = pending.left(pending.find("\n"))
		pending = pending.substr(pending.find("\n") + 1)
		var space = line.find(" ")
		var parsed = JSON.parse(line.substr(space + 1))
		if parsed.error == OK and parsed.result is Dictionary:
			emit_signal("message", int(line.left(space)), parsed.result)


func close():
	tcp.disconnect_from_host()
