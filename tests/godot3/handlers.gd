# A signal handler that closes or initializes a connection ends that poll's batch of the
# connection's signals, as webrtc-native drops its queue: nothing of the ended session follows.
# Each connection applies its own offer, then is left unpolled while its candidates queue up; one
# poll with a handler that acts on the first candidate, beside one without (which shows the batch
# held more than one). Exits 0 when every check passed.
extends SceneTree

var failures = 0
var kept = [] # the connections' channels: a channel nobody holds closes
var counts = {}


func _initialize():
	call_deferred("run")


func offering():
	var pc = WebRTCPeerConnection.new()
	kept.append(pc.create_data_channel("d", {"negotiated": true, "id": 1}))
	pc.connect("session_description_created", pc, "set_local_description")
	pc.create_offer()
	return pc


func run():
	for action in ["close", "initialize"]:
		var acting = offering()
		var control = offering()
		yield(create_timer(0.5), "timeout")
		acting.poll() # its offer: applied, candidates start
		control.poll()
		yield(create_timer(2.0), "timeout")
		counts = {"acting": 0, "control": 0}
		acting.connect("ice_candidate_created", self, "_on_candidate", [acting, action, "acting"])
		control.connect("ice_candidate_created", self, "_on_candidate", [control, "", "control"])
		acting.poll()
		control.poll()
		print("handlers: %s: candidates after it %d, without a handler %d" % [action, counts["acting"] - 1, counts["control"]])
		if counts["acting"] != 1 or counts["control"] < 2:
			failures += 1
			printerr("handlers: %s in a handler did not end the batch (or the batch held one candidate)" % action)
		acting.close()
		control.close()
	if failures == 0:
		print("handlers: all checks passed")
	quit(1 if failures > 0 else 0)


func _on_candidate(_media, _index, _name, pc, action, which):
	counts[which] += 1
	if counts[which] == 1 and action == "close":
		pc.close()
	elif counts[which] == 1 and action == "initialize":
		pc.initialize()
