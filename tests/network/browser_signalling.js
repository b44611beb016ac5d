// What the browser pages of the tests share: signalling and reports through the test's HTTP
// server on the page's origin (HeadlessChromium: POST /out, GET /in, a list of what is new), and
// the data channels Godot's WebRTCMultiplayerPeer opens.
const report = (text) => fetch("/out", {method: "POST", body: JSON.stringify({type: "report", text})});
const send = (msg) => fetch("/out", {method: "POST", body: JSON.stringify(msg)});

// The negotiated channels 1, 2, 3 with Godot's options ("maxPacketLifetime" is its spelling,
// which browsers ignore).
function godotChannels(pc) {
  return [
    pc.createDataChannel("reliable", {negotiated: true, id: 1}),
    pc.createDataChannel("ordered", {negotiated: true, id: 2, maxPacketLifetime: 1}),
    pc.createDataChannel("unreliable", {negotiated: true, id: 3, maxPacketLifetime: 1, ordered: false}),
  ];
}

// Sends pc's candidates, answers an offer, applies what Godot sends; other messages (from the
// test) go to onOther. With offer, pc offers first.
async function signal(pc, offer, onOther = () => {}) {
  pc.onicecandidate = (e) => {
    if (e.candidate && e.candidate.candidate) {
      send({type: "candidate", media: e.candidate.sdpMid, index: e.candidate.sdpMLineIndex, name: e.candidate.candidate});
    }
  };
  pc.onconnectionstatechange = () => report("browser: state " + pc.connectionState);
  async function apply(msg) {
    if (msg.type === "offer" || msg.type === "answer") {
      await pc.setRemoteDescription({type: msg.type, sdp: msg.sdp});
      if (msg.type === "offer") {
        await pc.setLocalDescription(await pc.createAnswer());
        send({type: "answer", sdp: pc.localDescription.sdp});
      }
    } else if (msg.type === "candidate") {
      await pc.addIceCandidate({candidate: msg.name, sdpMid: msg.media, sdpMLineIndex: msg.index});
    } else {
      await onOther(msg);
    }
  }
  report("browser: page loaded");
  if (offer) {
    await pc.setLocalDescription(await pc.createOffer());
    send({type: "offer", sdp: pc.localDescription.sdp});
  }
  for (;;) {
    const msgs = await (await fetch("/in")).json();
    for (const m of msgs) {
      try { await apply(m); } catch (err) { report("browser: error " + err); }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
