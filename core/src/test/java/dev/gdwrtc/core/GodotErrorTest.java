package dev.gdwrtc.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GodotErrorTest {
    @Test
    void queuedPrintsAreBoundedWhenNobodyTakesThem() {
        while (GodotError.takePrint() != null) {}
        for (int i = 0; i < GodotError.MAX_QUEUED_PRINTS + 100; i++) {
            GodotError.print("message " + i);
        }
        int taken = 0;
        String first = GodotError.takePrint();
        for (String m = first; m != null; m = GodotError.takePrint()) {
            taken++;
        }
        assertEquals(GodotError.MAX_QUEUED_PRINTS, taken);
        assertEquals("message 0", first, "the oldest are kept, the newest dropped");
        GodotError.print("after");
        assertEquals("after", GodotError.takePrint(), "taking them frees room again");
        assertNull(GodotError.takePrint());
    }
}
