package dev.gdwrtc.core.rtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The microphone's path to 48 kHz mono: downmixing, and resampling that joins blocks without a click. */
class PcmResamplerTest {
    private static short[] sine(double hz, int rate, int from, int count) {
        short[] s = new short[count];
        for (int i = 0; i < count; i++) {
            s[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * hz * (from + i) / rate));
        }
        return s;
    }

    @Test
    void a44100HzToneIsTheSameToneAt48000HzAcrossBlocks() {
        PcmResampler r = new PcmResampler();
        List<Short> out = new ArrayList<>();
        int blocks = 100, block = 441; // one second in 10 ms blocks, as a 44.1 kHz game pushes
        for (int b = 0; b < blocks; b++) {
            r.convert(sine(440, 44100, b * block, block), block, 44100, out::add);
        }
        assertTrue(Math.abs(out.size() - PcmResampler.RATE) <= 2, "samples out of a second: " + out.size());
        // Each output sample is the 440 Hz sine at its own time, within the interpolation error.
        double worst = 0;
        for (int i = 0; i < out.size(); i++) {
            double expected = 10000 * Math.sin(2 * Math.PI * 440 * i / PcmResampler.RATE);
            worst = Math.max(worst, Math.abs(out.get(i) - expected));
        }
        assertTrue(worst < 100, "worst error " + worst + " of 10000");
    }

    @Test
    void fortyEightKilohertzPassesThrough() {
        PcmResampler r = new PcmResampler();
        short[] in = sine(1000, 48000, 0, 480);
        List<Short> out = new ArrayList<>();
        r.convert(in, in.length, 48000, out::add);
        short[] got = new short[out.size()];
        for (int i = 0; i < got.length; i++) {
            got[i] = out.get(i);
        }
        assertArrayEquals(in, got);
    }

    @Test
    void stereoIsAveragedToMono() {
        byte[] pcm = {
            (byte) 0xE8,
            0x03,
            (byte) 0x18,
            (byte) 0xFC, // 1000, -1000
            (byte) 0x10,
            0x27,
            (byte) 0x10,
            0x27
        }; // 10000, 10000
        short[] mono = new short[2];
        assertEquals(2, PcmResampler.downmix(pcm, 0, 2, 2, mono));
        assertArrayEquals(new short[] {0, 10000}, mono);
    }
}
