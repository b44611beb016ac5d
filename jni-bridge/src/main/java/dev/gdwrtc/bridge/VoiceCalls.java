package dev.gdwrtc.bridge;

import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.NativeMemory;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;

/**
 * The {@code gdwrtc_voice_*} calls (docs/voice.md): the process's microphone PCM in, each
 * connection's remote voice out, through caller buffers of interleaved 16-bit little-endian PCM.
 * A thread's scratch array is reused, so a push or pull each frame allocates nothing.
 */
final class VoiceCalls {
    /** One call carries at most a second of 8-channel 192 kHz audio; more is the caller's mistake. */
    static final int MAX_BYTES = 192_000 * 8 * 2;

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    private VoiceCalls() {}

    private static byte[] scratch(int bytes) {
        byte[] b = SCRATCH.get();
        if (b.length < bytes) {
            b = new byte[Math.max(bytes, 2 * b.length)];
            SCRATCH.set(b);
        }
        return b;
    }

    private static void checkSize(int bytes, String what) {
        if (bytes > MAX_BYTES) {
            throw Calls.refuse(
                    GodotError.ERR_INVALID_PARAMETER,
                    what + " of " + bytes + " bytes is over the " + MAX_BYTES + " bytes one call takes.");
        }
    }

    static int push(long pcm, int length, int rate, int channels) {
        Calls.checkBuffer(pcm, length, "the voice PCM");
        checkSize(length, "The voice PCM");
        byte[] b = scratch(length);
        NativeMemory.read(pcm, b, 0, length);
        return WebRtcJavaRuntime.get().pushVoice(b, length, rate, channels);
    }

    /** Writes up to capacity/2 samples (mono, 48 kHz); returns the bytes written. */
    static int pull(int h, long buffer, int capacity) {
        var pc = Calls.pc(h);
        Calls.checkBuffer(buffer, capacity, "the voice buffer");
        checkSize(capacity, "The voice buffer");
        byte[] b = scratch(capacity);
        int n = pc.pullVoice(b, capacity / 2);
        NativeMemory.write(b, 0, buffer, 2 * n);
        return 2 * n;
    }

    static int available(int h) {
        return Calls.pc(h).voiceAvailable();
    }

    static int speaking(int h) {
        return Calls.pc(h).voiceSpeaking() ? 1 : 0;
    }

    static int hasVoice(int h) {
        return Calls.pc(h).hasVoice() ? 1 : 0;
    }
}
