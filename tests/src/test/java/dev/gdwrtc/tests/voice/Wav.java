package dev.gdwrtc.tests.voice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * 16-bit PCM files: WAV (the fake microphone Chromium plays, the speech espeak-ng writes) and raw
 * little-endian (what tests/godot/voice_source.gd plays).
 */
final class Wav {
    private Wav() {}

    /** Writes mono 16-bit {@code samples} at {@code rate}. */
    static void write(Path file, short[] samples, int rate) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * samples.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(2 * rate)
                .putShort((short) 2)
                .putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * samples.length);
        for (short s : samples) {
            b.putShort(s);
        }
        Files.write(file, b.array());
    }

    /** Writes {@code samples} as raw 16-bit little-endian PCM. */
    static void writeRaw(Path file, short[] samples) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(samples);
        Files.write(file, b.array());
    }

    /**
     * The first channel of a 16-bit PCM WAV file, resampled to {@code rate} (linear interpolation:
     * enough for speech compared by its envelope and spectrum).
     */
    static short[] readMono(Path file, int rate) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int channels = 0, from = 0, bits = 0;
        b.position(12);
        int dataStart = -1, dataLength = 0;
        while (b.remaining() >= 8) {
            String id = new String(new byte[] {b.get(), b.get(), b.get(), b.get()});
            int size = b.getInt();
            int body = b.position();
            if (id.equals("fmt ")) {
                b.getShort(); // format: PCM
                channels = b.getShort();
                from = b.getInt();
                b.position(body + 14);
                bits = b.getShort();
            } else if (id.equals("data")) {
                dataStart = body;
                // A writer that streams leaves the size unset: the data runs to the end.
                dataLength = size <= 0 || size > b.limit() - body ? b.limit() - body : size;
                break;
            }
            b.position(body + size + (size & 1));
        }
        if (dataStart < 0 || bits != 16 || channels < 1) {
            throw new IOException(file + ": not 16-bit PCM WAV (" + bits + " bits, " + channels + " channels)");
        }
        int frames = dataLength / (2 * channels);
        short[] in = new short[frames];
        for (int i = 0; i < frames; i++) {
            in[i] = b.getShort(dataStart + 2 * channels * i);
        }
        int n = (int) ((long) frames * rate / from);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            double at = (double) i * from / rate;
            int k = (int) at;
            double f = at - k;
            int next = Math.min(k + 1, frames - 1);
            out[i] = (short) Math.round(in[k] * (1 - f) + in[next] * f);
        }
        return out;
    }
}
