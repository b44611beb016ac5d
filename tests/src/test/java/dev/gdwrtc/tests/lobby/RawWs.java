package dev.gdwrtc.tests.lobby;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, for what a well-behaved client library will not do:
 * here, join and then read nothing at all (a receive buffer of a few KiB, so the kernel holds
 * little for it) while the lobby keeps sending, and read it all only later.
 */
final class RawWs implements AutoCloseable {
    /** What reading to the end found: messages, the close frame if one came, and whether the socket ended. */
    record Ending(int messages, int closeCode, String closeReason, boolean ended) {}

    private final Socket socket = new Socket();
    private final OutputStream out;
    private final DataInputStream in;

    RawWs(String url, int receiveBuffer) throws IOException {
        URI uri = URI.create(url);
        socket.setReceiveBufferSize(receiveBuffer); // before connecting: it sets the window
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 30_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        out.write(("GET / HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(30_000);
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("no WebSocket upgrade: " + head);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("handshake cut short: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** One text frame, masked as a client's must be. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /**
     * Reads every frame the server sent until the socket ends (or nothing comes for 30 s, which
     * answers ended false).
     */
    Ending readToEnd() throws IOException {
        int messages = 0;
        int code = -1;
        String reason = null;
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                int opcode = b0 & 0x0f;
                if (opcode == 0x1) {
                    messages++;
                } else if (opcode == 0x8 && len >= 2) {
                    code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                    reason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                }
            }
        } catch (EOFException | SocketException ended) {
            return new Ending(messages, code, reason, true);
        } catch (java.net.SocketTimeoutException stillOpen) {
            return new Ending(messages, code, reason, false);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
