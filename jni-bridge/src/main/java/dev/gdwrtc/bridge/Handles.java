package dev.gdwrtc.bridge;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Integer handles for the Java objects the C side refers to: only handles cross the C ABI.
 * Handle 0 is never used, so 0 and negative numbers stay free for errors. Lookups read a volatile
 * table without locking (the packet path); adding and releasing take the lock.
 */
final class Handles {
    private volatile Object[] table = new Object[64];
    private final Map<Object, Integer> byObject = new IdentityHashMap<>();
    private int next = 1;
    private int[] free = new int[16];
    private int freeCount;

    /** The handle of {@code o}, registering it if it has none yet. */
    synchronized int handleOf(Object o) {
        Integer known = byObject.get(o);
        if (known != null) {
            return known;
        }
        int h = freeCount > 0 ? free[--freeCount] : next++;
        Object[] t = table;
        if (h >= t.length) {
            Object[] grown = new Object[t.length * 2];
            System.arraycopy(t, 0, grown, 0, t.length);
            t = grown;
        }
        t[h] = o;
        table = t;
        byObject.put(o, h);
        return h;
    }

    Object get(int h) {
        Object[] t = table;
        return h > 0 && h < t.length ? t[h] : null;
    }

    synchronized Object release(int h) {
        Object o = get(h);
        if (o != null) {
            table[h] = null;
            byObject.remove(o);
            if (freeCount == free.length) {
                int[] grown = new int[free.length * 2];
                System.arraycopy(free, 0, grown, 0, freeCount);
                free = grown;
            }
            free[freeCount++] = h;
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
