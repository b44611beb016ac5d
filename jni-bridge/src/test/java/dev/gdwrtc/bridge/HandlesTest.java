package dev.gdwrtc.bridge;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handle table grows as slots are used, and a reused slot never answers its old handle. */
class HandlesTest {
    @Test
    void thousandsOfHandlesStayDistinctAcrossGrowthAndReuse() {
        Handles handles = new Handles();
        List<Object> objects = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Object o = new Object();
            objects.add(o);
            ids.add(handles.handleOf(o));
        }
        List<Integer> released = new ArrayList<>();
        for (int i = 0; i < 5000; i += 2) {
            assertSame(objects.get(i), handles.release(ids.get(i)));
            released.add(ids.get(i));
        }
        for (int i = 0; i < 2500; i++) {
            Object o = new Object();
            int h = handles.handleOf(o);
            assertTrue(h > 0, "a positive handle");
            assertSame(o, handles.get(h));
        }
        for (int stale : released) {
            assertNull(handles.get(stale), "a released handle finds nothing after its slot is reused");
            assertNull(handles.release(stale), "nor can it release the slot's new object");
        }
        for (int i = 1; i < 5000; i += 2) {
            assertSame(objects.get(i), handles.get(ids.get(i)));
        }
    }
}
