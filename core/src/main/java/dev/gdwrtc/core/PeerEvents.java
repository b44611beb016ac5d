package dev.gdwrtc.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The multiplayer peer's event stream: (type, peer id) pairs in the order they happened, read by
 * the owner after each call (the GDExtension emits them as signals on its Godot object). A ring
 * that grows when full, so pushing never fails and a steady state allocates nothing.
 */
public final class PeerEvents {
    // Signals of Godot's class; each event carries a peer id, 0 when the signal has none.
    public static final int PEER_CONNECTED = 1;
    public static final int PEER_DISCONNECTED = 2;
    public static final int CONNECTION_SUCCEEDED = 3;
    public static final int SERVER_DISCONNECTED = 4;
    /**
     * A peer-map entry left the map and its signals were emitted: its owner lets go of the entry's
     * connection and channels. Carries the entry's handle, not the peer id: by the time the owner
     * reads it, a signal handler may have added a new peer under that id.
     */
    public static final int PEER_RELEASED = 5;
    /** An entry's connection has events of its own: its owner polls it. Carries the entry's handle. */
    public static final int CONNECTION_EVENTS = 6;

    private int[] types = new int[16];
    private int[] ids = new int[16];
    private int head;
    private int count;
    private long pushed;
    private long drained;

    void push(int type, int id) {
        if (count == types.length) {
            int[] t = new int[count * 2];
            int[] d = new int[count * 2];
            for (int i = 0; i < count; i++) {
                t[i] = types[(head + i) % types.length];
                d[i] = ids[(head + i) % types.length];
            }
            types = t;
            ids = d;
            head = 0;
        }
        int tail = (head + count) % types.length;
        types[tail] = type;
        ids[tail] = id;
        count++;
        pushed++;
    }

    /**
     * Drops the queued signals, keeping the releases in order: what a session that ended had yet
     * to report is no longer true, but its objects must still be let go of.
     */
    void discardSignals() {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int at = (head + i) % types.length;
            if (types[at] == PEER_RELEASED) {
                int to = (head + kept) % types.length;
                types[to] = types[at];
                ids[to] = ids[at];
                kept++;
            }
        }
        drained += count - kept; // as if read: a deferred status change waits for none of them
        count = kept;
    }

    /** Events pushed since this stream was made. */
    public long pushedCount() {
        return pushed;
    }

    /** Events drained since this stream was made. */
    public long drainedCount() {
        return drained;
    }

    public int size() {
        return count;
    }

    /**
     * Moves the oldest events into {@code out} as (type, id) pairs, as many as fit
     * ({@code out.length / 2}); the rest stay. Returns the number of events moved.
     */
    public int drain(int[] out) {
        int n = Math.min(count, out.length / 2);
        for (int i = 0; i < n; i++) {
            out[2 * i] = types[head];
            out[2 * i + 1] = ids[head];
            head = (head + 1) % types.length;
        }
        count -= n;
        drained += n;
        if (count == 0) {
            head = 0;
        }
        return n;
    }

    /** Every event as {type, id} arrays (for Java callers and tests). */
    public List<int[]> takeAll() {
        List<int[]> list = new ArrayList<>(count);
        int[] pair = new int[2];
        while (drain(pair) == 1) {
            list.add(new int[] {pair[0], pair[1]});
        }
        return list;
    }
}
