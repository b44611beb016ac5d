package dev.gdwrtc.boot;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import dev.onvoid.webrtc.internal.NativeLoader;
import java.io.File;
import java.lang.reflect.Field;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

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

    /**
     * The training run of `make addon` that records the AppCDS archive: the start a game makes,
     * one connection with a data channel and an offer, and every class of the addon's own code, gson,
     * JavaCPP's runtime and webrtc-java (loaded, not initialised). args: the webrtc-java library.
     */
    public static void main(String[] args) throws Exception {
        String error = start(args[0]);
        if (!error.isEmpty()) {
            throw new IllegalStateException(error);
        }
        PeerConnection pc = WebRtcJavaRuntime.get().newPeerConnection();
        pc.createDataChannel("train", ChannelConfig.negotiated(1, true, -1));
        pc.createOffer();
        Thread.sleep(300);
        pc.poll(e -> {});
        pc.close();
        WebRtcJavaRuntime.quiesce();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            try (JarFile jar = new JarFile(entry)) {
                for (String name : jar.stream().map(JarEntry::getName).toList()) {
                    if (name.endsWith(".class") && !name.contains("-") && TRAINED.matcher(name).lookingAt()) {
                        try {
                            Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, Boot.class.getClassLoader());
                        } catch (LinkageError | ClassNotFoundException e) {
                            // a class needing a module the runtime leaves out; never used by the addon
                        }
                    }
                }
            }
        }
        System.exit(0);
    }

    private static final Pattern TRAINED = Pattern.compile("dev/gdwrtc/|dev/onvoid/webrtc/|com/google/gson/|org/bytedeco/javacpp/(annotation/|indexer/)?[A-Z]");
}
