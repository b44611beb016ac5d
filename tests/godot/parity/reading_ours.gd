# Which packet get_packet() takes when another one arrives after the selection, where ours reads
# the packet that get_packet_peer/channel/mode described and Godot's class reads the first channel
# holding one (docs/parity.md): ParityTest checks this transcript against reading_ours.expected.
# Mesh peers A (1) and B (2), with mesh.gd's helpers.
extends "res://parity/mesh.gd"


func run() -> void:
	if impl != "java":
		await fail("reading_ours runs with --impl java only")
	for name in ["A", "B"]:
		make(name)
		code("%s.create_mesh(%d)" % [name, IDS[name]], peers[name].create_mesh(IDS[name]))
	await connect_pair("A", "B")
	await which_packet()


## The next packet's peer, channel and mode are chosen when the previous one is read (or by poll);
## get_packet() then takes the packet they describe, even when one arrived on an earlier channel
## since. (Godot's class takes the first of the peer's channels holding a packet, and its
## get_packet_mode() then names the other packet's mode.)
func which_packet() -> void:
	t("-- a reliable packet arriving after an unreliable one was selected")
	var a = peers["A"]
	await selected_at_a("B", UNRELIABLE, "unreliable first")
	t("A: next peer=%d channel=%d mode=%d" % [a.get_packet_peer(), a.get_packet_channel(), a.get_packet_mode()])
	send("B", 1, RELIABLE, 0, "reliable second")
	await until(func() -> bool: return queued(a, 2, 0) == 1, "B's reliable packet at A")
	t("A: next peer=%d channel=%d mode=%d available=%d" % [
			a.get_packet_peer(), a.get_packet_channel(), a.get_packet_mode(), a.get_available_packet_count()])
	t("A: get_packet='%s' error=%s" % [a.get_packet().get_string_from_utf8(), err_name(a.get_packet_error())])
	t("A: next peer=%d channel=%d mode=%d" % [a.get_packet_peer(), a.get_packet_channel(), a.get_packet_mode()])
	polling["A"] = true
	await read("A", 1)
