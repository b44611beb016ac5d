"""A stock WebRTC stack (aiortc) on the other end of one of our connections, for PackingTest.

Reads JSON lines on stdin: {"offer": sdp}, then {"candidate": ..., "mid": ..., "index": ...}.
Answers with {"answer": sdp} (its candidates inside), counts what arrives on negotiated channel 1
and, once --packets messages came (or 60 s passed), prints {"messages": n, "wellFormed": n} and
exits 0. A message is well formed when it is exactly one packet as the test sends it: --size
bytes starting with its index (big-endian int), the way a packed message never is.
"""
import argparse
import asyncio
import json
import struct
import sys

from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.sdp import candidate_from_sdp


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--packets", type=int, required=True)
    ap.add_argument("--size", type=int, required=True)
    args = ap.parse_args()
    loop = asyncio.get_running_loop()
    pc = RTCPeerConnection()
    channel = pc.createDataChannel("data", negotiated=True, id=1)
    done = asyncio.Event()
    got = {"messages": 0, "wellFormed": 0}

    @channel.on("message")
    def on_message(message):
        i = got["messages"]
        got["messages"] += 1
        if isinstance(message, bytes) and len(message) == args.size and struct.unpack(">i", message[:4])[0] == i:
            got["wellFormed"] += 1
        if got["messages"] >= args.packets:
            done.set()

    async def read_signals():
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                return
            msg = json.loads(line)
            if "offer" in msg:
                await pc.setRemoteDescription(RTCSessionDescription(sdp=msg["offer"], type="offer"))
                await pc.setLocalDescription(await pc.createAnswer())
                print(json.dumps({"answer": pc.localDescription.sdp}), flush=True)
            elif "candidate" in msg:
                c = candidate_from_sdp(msg["candidate"].split(":", 1)[1])
                c.sdpMid = msg["mid"]
                c.sdpMLineIndex = msg["index"]
                await pc.addIceCandidate(c)

    reader = asyncio.ensure_future(read_signals())
    try:
        await asyncio.wait_for(done.wait(), 60)
    except asyncio.TimeoutError:
        pass
    print(json.dumps(got), flush=True)
    reader.cancel()
    await pc.close()


asyncio.run(main())
