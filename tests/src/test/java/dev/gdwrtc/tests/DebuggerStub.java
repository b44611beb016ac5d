package dev.gdwrtc.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the editor's debugger on the namespace's loopback: Godot started with
 * {@code --remote-debug} connects to it, so EngineDebugger is active as in a run from the editor;
 * what Godot sends is read and dropped.
 */
final class DebuggerStub implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    private final List<Socket> clients = new ArrayList<>();
    private final Thread acceptor = new Thread(this::accept, "debugger-stub");

    DebuggerStub() throws IOException {
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                Socket s = server.accept();
                synchronized (clients) {
                    clients.add(s);
                }
                Thread drain = new Thread(() -> drain(s), "debugger-stub-read");
                drain.setDaemon(true);
                drain.start();
            }
        } catch (IOException closed) {
            // close() ends the loop
        }
    }

    private static void drain(Socket s) {
        byte[] buf = new byte[8192];
        try (InputStream in = s.getInputStream()) {
            while (in.read(buf) >= 0) {
                // dropped
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (clients) {
            for (Socket s : clients) {
                s.close();
            }
        }
    }
}
