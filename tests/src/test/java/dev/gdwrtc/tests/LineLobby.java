package dev.gdwrtc.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A signalling relay both engines can speak (Godot 3 and 4 encode Variants differently, so the
 * tests' Godot lobby cannot serve Godot 3): TCP on 127.0.0.1 of the test namespace, one UTF-8 line
 * per message. A client sends {@code <to> <json>}; the lobby delivers {@code <from> <json>}. On
 * connecting, client n (from 1) gets {@code 0 {"type":"welcome","id":n,"peers":[ids before it]}}.
 */
final class LineLobby implements AutoCloseable {
    private final ServerSocket server;
    private final Map<Integer, OutputStream> clients = new ConcurrentHashMap<>();
    private final Thread acceptor;
    private int arrived; // guarded by this

    LineLobby() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "lobby");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Waits until {@code count} clients have connected so far; false if not within the timeout. */
    boolean awaitClients(int count, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        synchronized (this) {
            while (arrived < count) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
        }
        return true;
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        int next = 1;
        try {
            while (true) {
                Socket s = server.accept();
                int id = next++;
                List<Integer> before = new ArrayList<>(clients.keySet());
                OutputStream out = s.getOutputStream();
                clients.put(id, out);
                send(out, 0, "{\"type\":\"welcome\",\"id\":" + id + ",\"peers\":["
                        + before.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")) + "]}");
                synchronized (this) {
                    arrived++;
                    notifyAll();
                }
                Thread t = new Thread(() -> relay(id, s), "lobby-" + id);
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private void relay(int from, Socket s) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                int space = line.indexOf(' ');
                if (space <= 0) {
                    continue;
                }
                OutputStream to = clients.get(Integer.parseInt(line.substring(0, space)));
                if (to != null) {
                    send(to, from, line.substring(space + 1));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the client left; its messages in flight are of no use any more
        } finally {
            clients.remove(from);
        }
    }

    private static void send(OutputStream out, int from, String json) {
        byte[] line = (from + " " + json + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException gone) {
                // the receiver left
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
