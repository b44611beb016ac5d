package dev.gdwrtc.tests.network;

import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.WebRtcMultiplayer;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.config.RtcConfigParser;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One mesh member (a core MultiplayerPeer and a connection per remote member), driven by text
 * lines so it can run in this JVM or in another process in another namespace ({@link RemotePeer}).
 * In: {@code peer ID OFFER(0|1)}, {@code desc FROM TYPE B64}, {@code cand FROM MID INDEX B64}.
 * Out: {@code desc TO TYPE B64}, {@code cand TO MID INDEX B64}, {@code connected ID},
 * {@code disconnected ID}, {@code failure ID B64}. An echoing node sends every packet back to
 * its sender in the same transfer mode.
 */
final class MeshNode {
    /** Godot's default of 1 ms expires most packets of a burst before they leave; tests send bursts. */
    static final int UNRELIABLE_LIFETIME_MS = 500;

    final int id;
    final WebRtcMultiplayer mp = new WebRtcMultiplayer();
    private final Map<Integer, PeerConnection> pcs = new HashMap<>();
    private final String config;
    private final boolean echo;
    private final Consumer<String> out;
    private final byte[] buf = new byte[300_000];

    MeshNode(int id, String config, boolean echo, Consumer<String> out) {
        this.id = id;
        this.config = config;
        this.echo = echo;
        this.out = out;
        check(mp.createMesh(id, new int[0]), "createMesh");
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String unb64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }

    private static void check(int err, String what) {
        if (err != GodotError.OK) {
            throw new IllegalStateException(what + " failed: " + err + " " + GodotError.takeLastMessage());
        }
    }

    void accept(String line) {
        String[] f = line.trim().split(" ");
        int from = Integer.parseInt(f[1]);
        switch (f[0]) {
            case "peer" -> {
                PeerConnection pc = WebRtcJavaRuntime.get().newPeerConnection();
                check(pc.initialize(RtcConfigParser.peerConfig(config)), "initialize");
                check(mp.addPeer(pc, from, UNRELIABLE_LIFETIME_MS), "addPeer");
                pcs.put(from, pc);
                if (f[2].equals("1")) {
                    check(pc.createOffer(), "createOffer");
                }
            }
            case "desc" -> check(pcs.get(from).setRemoteDescription(f[2], unb64(f[3])), "setRemoteDescription");
            case "cand" -> pcs.get(from).addIceCandidate(f[2], Integer.parseInt(f[3]), unb64(f[4]));
            default -> throw new IllegalArgumentException(line);
        }
    }

    PeerConnection connection(int peer) {
        return pcs.get(peer);
    }

    /** Signalling out, multiplayer events out, and (echoing) every packet back. */
    void pump() {
        for (Map.Entry<Integer, PeerConnection> e : pcs.entrySet()) {
            int to = e.getKey();
            PeerConnection pc = e.getValue();
            if (pc.connectionState() == PeerConnection.STATE_CLOSED) {
                continue;
            }
            pc.poll(ev -> {
                if (ev instanceof PeerConnection.SessionDescription d) {
                    pc.setLocalDescription(d.type(), d.sdp());
                    out.accept("desc " + to + " " + d.type() + " " + b64(d.sdp()));
                } else if (ev instanceof PeerConnection.IceCandidate c) {
                    out.accept("cand " + to + " " + c.media() + " " + c.index() + " " + b64(c.name()));
                } else if (ev instanceof PeerConnection.Failure x) {
                    out.accept("failure " + to + " " + b64(x.message()));
                }
            });
        }
        mp.poll();
        for (int[] ev : mp.takeEvents()) {
            if (ev[0] == WebRtcMultiplayer.PEER_CONNECTED || ev[0] == WebRtcMultiplayer.PEER_DISCONNECTED) {
                out.accept((ev[0] == WebRtcMultiplayer.PEER_CONNECTED ? "connected " : "disconnected ") + ev[1]);
            }
        }
        while (echo && mp.availablePacketCount() > 0) {
            int peer = mp.packetPeer(), mode = mp.packetMode();
            int n = NativePackets.get(mp, buf);
            if (n < 0) {
                break;
            }
            mp.setTargetPeer(peer);
            mp.setTransferMode(mode);
            int err;
            while ((err = NativePackets.put(mp, buf, n)) == GodotError.ERR_BUSY) {
                Thread.onSpinWait();
            }
            if (err != GodotError.OK) {
                out.accept("echo put failed " + err + " mode " + mode + " peer " + peer + ": " + GodotError.takeLastMessage());
            }
        }
    }
}
