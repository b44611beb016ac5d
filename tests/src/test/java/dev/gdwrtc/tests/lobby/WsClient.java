package dev.gdwrtc.tests.lobby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client of the lobby as a test drives it: sends the protocol's messages, keeps what
 * the server sends in order, and how the server closed the connection (code and reason).
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    /** The server's close: its code and reason. */
    record Close(int code, String reason) {}

    /** A message from the server. */
    record Msg(int type, long id, String data) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<Msg> received = new LinkedBlockingQueue<>();
    /** Every text message as the server sent it, in order. */
    final java.util.List<String> texts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile int pings;
    final WebSocket ws;

    WsClient(String url) throws Exception {
        this(url, HTTP);
    }

    WsClient(String url, HttpClient http) throws Exception {
        ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(URI.create(url), this)
                .get(60, TimeUnit.SECONDS);
    }

    /** A client that sends JOIN at once, and has its ID and JOIN answers read. */
    static WsClient joined(String url, String lobby, boolean mesh) throws Exception {
        WsClient c = new WsClient(url);
        c.send(0, mesh ? 0 : 1, lobby);
        return c;
    }

    void send(int type, long id, String data) {
        JsonObject o = new JsonObject();
        o.addProperty("type", type);
        o.addProperty("id", id);
        o.addProperty("data", data);
        sendRaw(o.toString());
    }

    void sendRaw(String text) {
        ws.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next message; fails after 5 s. */
    Msg next() throws InterruptedException {
        return next(5);
    }

    Msg next(long seconds) throws InterruptedException {
        Msg m = received.poll(seconds, TimeUnit.SECONDS);
        assertNotNull(m, "no message from the lobby within " + seconds + " s");
        return m;
    }

    /** The next message, or null if none came within {@code ms}. */
    Msg poll(long ms) throws InterruptedException {
        return received.poll(ms, TimeUnit.MILLISECONDS);
    }

    Msg expect(int type) throws InterruptedException {
        Msg m = next();
        assertEquals(type, m.type(), "unexpected message " + m);
        return m;
    }

    /** Nothing more arrives within {@code ms}. */
    void expectNothing(long ms) throws InterruptedException {
        assertNull(received.poll(ms, TimeUnit.MILLISECONDS), "unexpected message");
    }

    Close closed(long seconds) throws Exception {
        return closed.get(seconds, TimeUnit.SECONDS);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Waits for the server to close with this code and reason. */
    void expectClose(int code, String reason) throws Exception {
        assertEquals(new Close(code, reason), closed(10));
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            texts.add(partial.toString());
            JsonObject o = JsonParser.parseString(partial.toString()).getAsJsonObject();
            partial.setLength(0);
            received.add(new Msg(o.get("type").getAsInt(), o.get("id").getAsLong(), o.get("data").getAsString()));
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Close(-1, error.toString()));
    }

    /** Pings from the server so far (the JDK's client answers them). */
    int pings() {
        return pings;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings++;
        webSocket.request(1);
        return null;
    }

    /** Leaves as a browser does: a close frame, the server's close back, then the socket goes. */
    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
            try {
                closed.get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the abort below ends it anyway
            }
        }
        ws.abort();
    }
}
