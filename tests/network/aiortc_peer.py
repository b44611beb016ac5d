#!/usr/bin/python3
"""An aiortc peer for the interop test: the channels Godot's WebRTCMultiplayerPeer opens (negotiated
ids 1, 2, 3), SceneMultiplayer's raw packets (command byte 3) echoed back; a burst of "burst N"
packets is checked to arrive whole and in order and confirmed with one "burst-ok COUNT". Signalling: JSON lines on
stdin/stdout ({"type": "offer"|"answer", "sdp"} and {"type": "candidate", ...}); anything else it
prints is a report for the test. Exits when stdin closes."""
import asyncio
import json
import sys

from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.sdp import candidate_from_sdp

RAW = 3  # SceneMultiplayer's NETWORK_COMMAND_RAW


def say(obj):
    print(json.dumps(obj) if isinstance(obj, dict) else obj, flush=True)


async def main(offer):
    pc = RTCPeerConnection()
    channels = [
        pc.createDataChannel("reliable", negotiated=True, id=1),
        pc.createDataChannel("ordered", negotiated=True, id=2, maxPacketLifeTime=1000),
        pc.createDataChannel("unreliable", negotiated=True, id=3, ordered=False, maxPacketLifeTime=1000),
    ]
    opened = set()
    burst = {"next": 0}

    def watch(ch):
        @ch.on("open")
        def on_open():
            opened.add(ch.id)
            if len(opened) == 3:
                say("aiortc: channels open")
                for c in channels:
                    c.send(bytes([RAW]) + ("hello from aiortc on %d" % c.id).encode())

        @ch.on("message")
        def on_message(m):
            data = m if isinstance(m, bytes) else m.encode()
            if data[1:].startswith(b"burst "):
                n = int(data[7:])
                if n != burst["next"]:
                    say("aiortc: burst out of order: %d where %d was next" % (n, burst["next"]))
                burst["next"] = n + 1
                if n == 19999:
                    say("aiortc: burst complete")
                    ch.send(bytes([RAW]) + b"burst-ok 20000")
                return
            say("aiortc: got %d %s" % (ch.id, data[1:].decode(errors="replace")))
            if data[:1] == bytes([RAW]) and data[1:].startswith(b"hello"):
                ch.send(bytes([RAW]) + b"echo:" + data[1:])

    for ch in channels:
        watch(ch)

    @pc.on("connectionstatechange")
    async def on_state():
        say("aiortc: state " + pc.connectionState)

    if offer:
        await pc.setLocalDescription(await pc.createOffer())
        say({"type": "offer", "sdp": pc.localDescription.sdp})

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            break
        msg = json.loads(line)
        if msg["type"] in ("offer", "answer"):
            await pc.setRemoteDescription(RTCSessionDescription(sdp=msg["sdp"], type=msg["type"]))
            if msg["type"] == "offer":
                await pc.setLocalDescription(await pc.createAnswer())
                say({"type": "answer", "sdp": pc.localDescription.sdp})
        elif msg["type"] == "candidate" and msg["name"]:
            c = candidate_from_sdp(msg["name"].split(":", 1)[1])
            c.sdpMid = msg["media"]
            c.sdpMLineIndex = msg["index"]
            await pc.addIceCandidate(c)
    await pc.close()


asyncio.run(main(len(sys.argv) > 1 and sys.argv[1] == "offer"))
