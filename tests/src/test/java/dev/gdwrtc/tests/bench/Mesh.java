package dev.gdwrtc.tests.bench;

import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.WebRtcMultiplayer;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * A full mesh of core multiplayer peers (ids 1..n) in this JVM, signalled in-process as a lobby
 * would; {@link #connectMillis} is the time from the first offer to every peer seeing every other
 * connected (all channels open).
 */
final class Mesh implements AutoCloseable {
    final WebRtcMultiplayer[] peers;
    /** connections[i][j]: peer i+1's connection to peer j+1 (null on the diagonal). */
    final PeerConnection[][] connections;
    final double connectMillis;

    Mesh(int n) throws InterruptedException {
        peers = new WebRtcMultiplayer[n];
        connections = new PeerConnection[n][n];
        for (int i = 0; i < n; i++) {
            peers[i] = new WebRtcMultiplayer();
            check(peers[i].createMesh(i + 1, new int[0]));
        }
        long start = System.nanoTime();
        List<int[]> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                for (int[] p : new int[][] {{i, j}, {j, i}}) {
                    connections[p[0]][p[1]] = WebRtcJavaRuntime.get().newPeerConnection();
                    check(peers[p[0]].addPeer(connections[p[0]][p[1]], p[1] + 1, 1));
                }
                check(connections[i][j].createOffer());
                links.add(new int[] {i, j});
            }
        }
        long deadline = start + 120_000_000_000L;
        while (!allConnected()) {
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("the mesh of " + n + " did not connect");
            }
            for (int[] l : links) {
                relay(connections[l[0]][l[1]], connections[l[1]][l[0]]);
                relay(connections[l[1]][l[0]], connections[l[0]][l[1]]);
            }
            Thread.sleep(1);
        }
        connectMillis = (System.nanoTime() - start) / 1e6;
        for (WebRtcMultiplayer p : peers) {
            p.takeEvents();
        }
    }

    private boolean allConnected() {
        for (int i = 0; i < peers.length; i++) {
            peers[i].poll();
            for (int j = 0; j < peers.length; j++) {
                if (i != j && !peers[i].peerConnected(j + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void check(int err) {
        if (err != GodotError.OK) {
            throw new IllegalStateException("error " + err + ": " + GodotError.takeLastMessage());
        }
    }

    private static void relay(PeerConnection from, PeerConnection to) {
        from.poll(e -> {
            if (e instanceof PeerConnection.SessionDescription d) {
                check(from.setLocalDescription(d.type(), d.sdp()));
                check(to.setRemoteDescription(d.type(), d.sdp()));
            } else if (e instanceof PeerConnection.IceCandidate c) {
                check(to.addIceCandidate(c.media(), c.index(), c.name()));
            }
        });
    }

    @Override
    public void close() {
        for (WebRtcMultiplayer p : peers) {
            p.close();
        }
        for (PeerConnection[] row : connections) {
            for (PeerConnection pc : row) {
                if (pc != null) {
                    pc.close();
                }
            }
        }
    }
}
