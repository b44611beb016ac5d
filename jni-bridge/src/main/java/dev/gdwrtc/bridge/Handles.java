package dev.gdwrtc.bridge;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Integer handles for the Java objects the C side refers to: only handles cross the C ABI. A
 * handle is a slot index (low {@value #INDEX_BITS} bits) and the slot's generation (the bits
 * above), so a released handle stays invalid when its slot is reused: a stale handle or a second
 * release finds nothing instead of the object that took the slot. Handles are positive; 0 and
 * negative numbers stay free for errors. Lookups read a volatile table without locking (the packet
 * path); adding and releasing take the lock.
 */
final class Handles {
    static final int INDEX_BITS = 20;
    private static final int INDEX_MASK = (1 << INDEX_BITS) - 1;
    private static final int GENERATIONS = 1 << (31 - INDEX_BITS);

    /** What a slot holds: the object and the one handle that reaches it. */
    private record Entry(Object object, int handle) {}

    private volatile Entry[] table = new Entry[64];
    private int[] generation = new int[64]; // grows with the slots in use: 2^20 ints would be 4 MiB idle
    private final Map<Object, Integer> byObject = new IdentityHashMap<>();
    private int next = 1; // slot 0 is never used, so no handle is 0
    private int[] free = new int[16];
    private int freeCount;

    /** The handle of {@code o}, registering it if it has none yet; -1 when every slot is taken. */
    synchronized int handleOf(Object o) {
        Integer known = byObject.get(o);
        if (known != null) {
            return known;
        }
        int index;
        if (freeCount > 0) {
            index = free[--freeCount];
        } else if (next <= INDEX_MASK) {
            index = next++;
        } else {
            return -1;
        }
        if (index >= generation.length) {
            int[] grown = new int[Math.min(generation.length * 2, INDEX_MASK + 1)];
            System.arraycopy(generation, 0, grown, 0, generation.length);
            generation = grown;
        }
        // Generation 0 is skipped so that a handle is never 0 nor equal to its bare index twice.
        int gen = generation[index] % (GENERATIONS - 1) + 1;
        generation[index] = gen;
        int h = (gen << INDEX_BITS) | index;
        Entry[] t = table;
        if (index >= t.length) {
            Entry[] grown = new Entry[Math.max(t.length * 2, index + 1)];
            System.arraycopy(t, 0, grown, 0, t.length);
            t = grown;
        }
        t[index] = new Entry(o, h);
        table = t;
        byObject.put(o, h);
        return h;
    }

    /** The object of a live handle, or null for 0, a negative, unknown, released or stale handle. */
    Object get(int h) {
        if (h <= 0) {
            return null;
        }
        Entry[] t = table;
        int index = h & INDEX_MASK;
        Entry e = index < t.length ? t[index] : null;
        return e != null && e.handle == h ? e.object : null;
    }

    /** Forgets a live handle and returns its object; null (and nothing changes) for any other. */
    synchronized Object release(int h) {
        Object o = get(h);
        if (o != null) {
            int index = h & INDEX_MASK;
            table[index] = null;
            byObject.remove(o);
            if (freeCount == free.length) {
                int[] grown = new int[free.length * 2];
                System.arraycopy(free, 0, grown, 0, freeCount);
                free = grown;
            }
            free[freeCount++] = index;
        }
        return o;
    }

    synchronized List<Object> all() {
        return new ArrayList<>(byObject.keySet());
    }

    synchronized int size() {
        return byObject.size();
    }
}
