package dev.gdwrtc.core.rtc;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * The host's own addresses, watched for a network change (a laptop moving from Wi-Fi to
 * Ethernet), as a browser's network change event: libwebrtc only notices that the path died after
 * its consent checks fail (4 to 6 s), and webrtc-java 0.14.0 exposes none of its ICE timeouts. The
 * addresses are read every {@link #PERIOD_MS} on the core's timer thread while a connection with
 * {@code gdwrtcAutoIceRestart} listens; loopback and link-local addresses are left out (ICE does
 * not use them), so only a change ICE could care about is reported.
 */
public final class NetworkWatch {
    /** How often the addresses are read; one read costs 0.3-0.8 ms of the timer thread (make bench). */
    static final long PERIOD_MS = 250;

    /** Told on the timer thread when the set of addresses changed. */
    interface Listener {
        void localAddressesChanged();
    }

    private final RtcTimer timer;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> task; // guarded by this
    private volatile Set<String> last = Set.of();

    NetworkWatch(RtcTimer timer) {
        this.timer = timer;
    }

    synchronized void add(Listener l) {
        listeners.add(l);
        if (task == null) {
            Set<String> now = addresses();
            last = now == null ? Set.of() : now;
            task = timer.every(PERIOD_MS, this::poll);
        }
    }

    synchronized void remove(Listener l) {
        listeners.remove(l);
        if (listeners.isEmpty() && task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void poll() {
        Set<String> now = addresses();
        if (now != null && !now.equals(last)) {
            last = now;
            for (Listener l : listeners) {
                l.localAddressesChanged();
            }
        }
    }

    /**
     * The up interfaces' addresses ICE may gather on; null if they could not be read this time.
     * Public for the bench row of its cost (NetworkWatchBench).
     */
    public static Set<String> addresses() {
        Set<String> out = new HashSet<>();
        try {
            Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            if (all == null) {
                return out; // no interface at all
            }
            for (NetworkInterface nif : Collections.list(all)) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // An interface vanished while it was read: the next period reads again.
            return null;
        }
        return out;
    }
}
