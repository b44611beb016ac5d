package dev.gdwrtc.boot;

import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import dev.onvoid.webrtc.internal.NativeLoader;
import java.lang.reflect.Field;
import java.util.Set;

/**
 * What the native loader (native/jvm.cpp) runs once the JVM is up, on its boot thread: binds
 * webrtc-java's native library from the addon's own folder and starts the core's WebRTC thread,
 * so the first connection a script makes is ready at once.
 *
 * <p>webrtc-java 0.14.0's NativeLoader copies its 23 MB library from the jar into a temporary
 * file at every start and loads that copy, which fails on a noexec /tmp and leaves copies behind
 * after a crash. It skips the copy for a library name it already loaded, so the library is loaded
 * here first (from this class, so it binds to the class loader webrtc-java's classes live in)
 * and its name recorded.
 */
public final class Boot {
    /** The name webrtc-java's classes pass to NativeLoader.loadLibrary. */
    static final String WEBRTC_LIBRARY_NAME = "webrtc-java";

    private Boot() {}

    /** Returns "" when ready, else what went wrong (the native loader reports it to Godot). */
    public static String start(String webrtcLibrary) {
        try {
            preload(webrtcLibrary);
            WebRtcJavaRuntime.get();
            return "";
        } catch (Throwable t) {
            return "loading " + webrtcLibrary + " failed: " + t;
        }
    }

    @SuppressWarnings("unchecked")
    static void preload(String webrtcLibrary) throws ReflectiveOperationException {
        System.load(webrtcLibrary);
        Field loaded = NativeLoader.class.getDeclaredField("LOADED_LIB_SET");
        loaded.setAccessible(true);
        ((Set<String>) loaded.get(null)).add(WEBRTC_LIBRARY_NAME);
    }
}
