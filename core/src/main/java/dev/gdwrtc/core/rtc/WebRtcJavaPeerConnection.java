package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.config.RtcConfig;
import dev.gdwrtc.core.stats.ConnectionStats;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * A webrtc-java peer connection with Godot's semantics: setting a remote offer answers it by
 * itself, candidates that arrive before the remote description wait for it, and every callback
 * from libwebrtc's threads becomes a queued {@link Event} handed out by {@link #poll}.
 */
public final class WebRtcJavaPeerConnection implements PeerConnection {
    private final WebRtcJavaRuntime transport;
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

    private volatile Session session;

    /** Made on the transport's thread, as every call below that reaches webrtc-java runs there. */
    WebRtcJavaPeerConnection(WebRtcJavaRuntime transport) {
        this.transport = transport;
        this.session = new Session(RtcConfig.DEFAULT);
    }

    /**
     * One libwebrtc connection and its observed state. {@code initialize} replaces the session;
     * callbacks of a replaced one are ignored, so a late event never leaks into the new one.
     */
    private final class Session implements PeerConnectionObserver, NetworkWatch.Listener {
        final RTCPeerConnection pc;
        volatile int connection = STATE_NEW;
        volatile int gathering = GATHERING_STATE_NEW;
        volatile int signaling = SIGNALING_STATE_STABLE;
        private final List<RTCIceCandidate> pendingCandidates = new ArrayList<>();
        // Channels of this connection: webrtc-java crashes the process when libwebrtc refuses a
        // channel (an id in use), so ids are checked here first.
        // They share a receive memory limit; over it on a reliable channel, the connection closes.
        final ChannelGroup group = new ChannelGroup(this::overflow, m -> emit(new Failure(m)));
        private boolean remoteDescriptionSet;
        private boolean pcClosed; // guarded by this
        private volatile boolean failed; // ended here (receive limit): its state stays FAILED
        final PackingNegotiation packing;
        final SessionStats stats = new SessionStats(group.channels, this::sampled);
        final AutoIceRestart restart;
        /** The local voice (null without gdwrtcVoice) and the remote peer's, once its track arrives. */
        final VoiceMic mic;
        /** Our Opus sender is asked for DTX through the remote descriptions applied (OpusDtx). */
        final boolean dtx;
        volatile VoiceReceiver voice;
        /** Ends this connection's pause of the microphone (WebRtcJavaRuntime.holdVoice); idempotent. */
        private final Runnable voiceHold;
        /**
         * On the webrtc-java thread: a restart offer was created and handed to the game, which has
         * not set it as the local description yet. A remote offer arriving now crosses it as
         * surely as one arriving in have-local-offer does.
         */
        boolean restartOfferPending;
        /** On the webrtc-java thread: that offer lost a crossing; the game's setLocalDescription of it is skipped. */
        boolean restartOfferAbandoned;
        /**
         * Held by each callback's work and by {@link #markClosed}: once closed, no callback starts
         * work on the connection. Never held while calling pc.close(), which waits for libwebrtc's
         * signaling thread (where callbacks run).
         */
        private final Object gate = new Object();

        void markClosed() {
            synchronized (gate) {
                connection = STATE_CLOSED;
            }
            transport.networks.remove(this);
        }

        /**
         * A reliable channel could not keep a packet: say why and end the connection. It stays
         * FAILED: the CLOSED that libwebrtc reports for our own close must not hide why it ended.
         */
        private void overflow(String message) {
            emit(new Failure(message));
            if (connection != STATE_CLOSED) {
                failed = true;
                connection = STATE_FAILED;
                transport.post(this::closePc);
            }
        }

        /** webrtc-java frees the connection on close: a second close would throw. */
        synchronized void closePc() {
            if (!pcClosed) {
                pcClosed = true;
                transport.networks.remove(this);
                // Closing removes this connection's sink from the microphone's source: no push
                // may run meanwhile (see the constructor).
                if (mic != null) {
                    mic.hold();
                }
                try {
                    pc.close();
                } finally {
                    if (mic != null) {
                        mic.release(true);
                    }
                    voiceHold.run();
                }
                // libwebrtc tells the channels of a connection it closed nothing more.
                for (WebRtcJavaDataChannel ch : group.channels) {
                    ch.connectionClosed();
                }
            }
        }

        Session(RtcConfig settings) {
            this.packing = new PackingNegotiation(settings.packing());
            RTCConfiguration config = RtcConfigs.toWebrtc(settings);
            for (IceServer s : settings.iceServers()) {
                RTCIceServer server = new RTCIceServer();
                server.urls = new ArrayList<>(s.urls());
                server.username = s.username();
                server.password = s.credential();
                config.iceServers.add(server);
            }
            pc = transport.factory().createPeerConnection(config, GuardedObservers.of(this));
            mic = pc != null && settings.voice() != null ? transport.mic() : null;
            dtx = mic != null && settings.voice().dtx();
            if (mic != null) {
                // Adding the track adds a sink to the microphone's source, whose list webrtc-java
                // 0.14.0 keeps without a lock: no push meanwhile (one crashed, docs/voice.md).
                mic.hold();
                try {
                    addVoiceTrack(settings.voice());
                } finally {
                    mic.release(true);
                }
            }
            // Until it connects, unless a recording its send stream starts will be seen in time
            // (VoiceMic#watching): voice already flowing does not pause for a peer joining.
            voiceHold = mic == null || mic.watching() ? () -> {} : transport.holdVoice(mic);
            restart = new AutoIceRestart(settings.autoIceRestart());
            if (pc != null && restart.enabled()) {
                transport.networks.add(this);
            }
            if (pc != null && settings.statsIntervalMs() > 0) {
                stats.start(transport.timer, settings.statsIntervalMs(), this::sampleStats);
            }
        }

        /**
         * The microphone's track, added before any offer so its audio section is in the first one
         * (no renegotiation for the game to carry). addTrack, not addTransceiver: an answerer's
         * track added so is matched to the offer's audio section (JSEP), making it send too.
         */
        private void addVoiceTrack(RtcConfig.VoiceConfig v) {
            mic.configure(v);
            RTCRtpSender sender = pc.addTrack(mic.track, List.of("gdwrtc-voice"));
            try {
                RTCRtpSendParameters p = sender.getParameters();
                if (p != null && p.encodings != null && !p.encodings.isEmpty()) {
                    for (RTCRtpEncodingParameters e : p.encodings) {
                        e.maxBitrate = v.bitrate();
                    }
                    sender.setParameters(p);
                }
            } catch (RuntimeException e) {
                System.err.println("gdwrtc: the voice bitrate was not set: " + e.getMessage());
            }
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            guarded(() -> {
                if (mic != null && voice == null && transceiver.getReceiver().getTrack() instanceof AudioTrack t) {
                    VoiceReceiver r = new VoiceReceiver(mic);
                    t.addSink(r);
                    voice = r;
                }
            });
        }

        /**
         * A timer tick: asks libwebrtc for a sample while connected; ends once the session is
         * closed (a replaced one is closed too; a new one is not current until initialize ends).
         */
        void sampleStats() {
            if (connection == STATE_CLOSED) {
                stats.stop();
            } else if (current() && connection != STATE_NEW && stats.begin()) {
                transport.post(this::requestStats);
            }
        }

        synchronized void requestStats() {
            if (pcClosed || !current()) {
                stats.abandon();
                if (pcClosed) {
                    stats.stop(); // ended here (receive limit): nothing more to sample
                }
            } else {
                pc.getStats(stats);
            }
        }

        /** On the webrtc-java thread: an offer with fresh ICE credentials (restart_ice, or AutoIceRestart). */
        synchronized void offerRestart() {
            if (pcClosed || !current()) {
                return;
            }
            stats.countRestart();
            restartOfferPending = true;
            pc.restartIce();
            RTCOfferOptions options = new RTCOfferOptions();
            options.iceRestart = true;
            pc.createOffer(options, describe("offer"));
        }

        /** The offering side restarts ICE again while the connection stays down (AutoIceRestart). */
        void autoRestart() {
            if (current() && connection != STATE_CLOSED && restart.shouldOffer() && signaling == SIGNALING_STATE_STABLE) {
                transport.post(this::offerRestart);
                transport.timer.later(AutoIceRestart.RETRY_MS, this::autoRestart);
            }
        }

        /**
         * On the timer thread: this host's addresses changed (NetworkWatch). A negotiated
         * connection restarts ICE at once, whichever side made the first offer, as a browser's
         * application does on a network change event, instead of waiting for ICE to find the
         * path dead; the old path keeps carrying packets while the new one is checked.
         */
        @Override
        public void localAddressesChanged() {
            boolean negotiated;
            synchronized (pendingCandidates) {
                negotiated = remoteDescriptionSet;
            }
            if (current() && negotiated && connection != STATE_CLOSED && connection != STATE_NEW) {
                transport.post(this::networkRestart);
            }
        }

        /**
         * On libwebrtc's thread, each stats sample: a path that brings nothing back while this
         * side sends is dead even though ICE has not said so yet (AutoIceRestart#stalled); the
         * other side's network changed, and it may not restart by itself (a browser). Restart now.
         */
        void sampled(long bytesSent, long bytesReceived) {
            if (connection == STATE_CONNECTED && restart.stalled(bytesSent, bytesReceived, System.nanoTime())) {
                localAddressesChanged();
            }
        }

        /** On the webrtc-java thread: restarts now, or once a negotiation under way has ended. */
        synchronized void networkRestart() {
            if (pcClosed || !current()) {
                return;
            }
            if (pc.getSignalingState() != RTCSignalingState.STABLE) {
                transport.timer.later(NetworkWatch.PERIOD_MS, this::localAddressesChanged);
                return;
            }
            offerRestart();
        }

        boolean current() {
            return session == this;
        }

        void emit(Event e) {
            if (current() && connection != STATE_CLOSED) {
                events.add(e);
            }
        }

        /**
         * Runs a callback's work unless this session was closed or replaced (a late callback after
         * close() must not touch a disposed connection), and never lets it throw: webrtc-java turns
         * a Java exception in an observer into a C++ one on libwebrtc's thread, which aborts.
         */
        void guarded(Runnable work) {
            try {
                synchronized (gate) {
                    if (current() && connection != STATE_CLOSED) {
                        work.run();
                    }
                }
            } catch (Throwable t) {
                try {
                    emit(new Failure("WebRTC callback failed: " + t));
                } catch (Throwable ignored) {
                    // Out of memory even for the message: dropping it is all that is left.
                }
            }
        }

        @Override
        public void onIceCandidate(RTCIceCandidate c) {
            guarded(() -> emit(new IceCandidate(c.sdpMid, c.sdpMLineIndex, c.sdp)));
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            if (connection != STATE_CLOSED && !failed) {
                if (state == RTCPeerConnectionState.CONNECTED) {
                    // The send stream starts once the transport is writable, on libwebrtc's worker
                    // thread, a moment after this: the microphone resumes after that moment.
                    transport.timer.later(WebRtcJavaRuntime.VOICE_START_MS, voiceHold);
                    restart.connected();
                    transport.timer.later(0, this::sampleStats); // the first sample without waiting a period
                }
                if (state == RTCPeerConnectionState.DISCONNECTED && restart.disconnected()) {
                    connection = STATE_CONNECTING; // hidden while ICE restarts (AutoIceRestart)
                    transport.timer.later(0, this::autoRestart);
                    return;
                }
                connection = switch (state) {
                    case NEW -> STATE_NEW;
                    case CONNECTING -> STATE_CONNECTING;
                    case CONNECTED -> STATE_CONNECTED;
                    case DISCONNECTED -> STATE_DISCONNECTED;
                    case FAILED -> STATE_FAILED;
                    case CLOSED -> STATE_CLOSED;
                };
            }
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState state) {
            gathering = switch (state) {
                case NEW -> GATHERING_STATE_NEW;
                case GATHERING -> GATHERING_STATE_GATHERING;
                case COMPLETE -> GATHERING_STATE_COMPLETE;
            };
        }

        @Override
        public void onSignalingChange(RTCSignalingState state) {
            signaling = switch (state) {
                case STABLE -> SIGNALING_STATE_STABLE;
                case HAVE_LOCAL_OFFER -> SIGNALING_STATE_HAVE_LOCAL_OFFER;
                case HAVE_REMOTE_OFFER -> SIGNALING_STATE_HAVE_REMOTE_OFFER;
                case HAVE_LOCAL_PR_ANSWER -> SIGNALING_STATE_HAVE_LOCAL_PRANSWER;
                case HAVE_REMOTE_PR_ANSWER -> SIGNALING_STATE_HAVE_REMOTE_PRANSWER;
                case CLOSED -> SIGNALING_STATE_CLOSED;
            };
        }

        @Override
        public void onDataChannel(RTCDataChannel channel) {
            guarded(() -> emit(new DataChannelReceived(new WebRtcJavaDataChannel(channel, null, transport, packing, group))));
        }

        CreateSessionDescriptionObserver describe(String type) {
            return GuardedObservers.of(new CreateSessionDescriptionObserver() {
                @Override
                public void onSuccess(RTCSessionDescription d) {
                    guarded(() -> emit(new SessionDescription(type, packing.advertise(d.sdp))));
                }

                @Override
                public void onFailure(String error) {
                    guarded(() -> emit(new Failure("Creating the " + type + " failed: " + error)));
                }
            });
        }

        SetSessionDescriptionObserver applied(String what, Runnable then) {
            return GuardedObservers.of(new SetSessionDescriptionObserver() {
                @Override
                public void onSuccess() {
                    if (then != null) {
                        guarded(then);
                    }
                }

                @Override
                public void onFailure(String error) {
                    guarded(() -> emit(new Failure("Setting the " + what + " failed: " + error)));
                }
            });
        }

        /** Called on libwebrtc's signaling thread once the remote description is in place. */
        void remoteApplied(boolean offer) {
            List<RTCIceCandidate> waiting;
            synchronized (pendingCandidates) {
                remoteDescriptionSet = true;
                waiting = new ArrayList<>(pendingCandidates);
                pendingCandidates.clear();
            }
            for (RTCIceCandidate c : waiting) {
                addCandidate(c);
            }
            if (offer) {
                pc.createAnswer(new RTCAnswerOptions(), describe("answer"));
            }
        }

        void addCandidate(RTCIceCandidate c) {
            synchronized (pendingCandidates) {
                if (!remoteDescriptionSet) {
                    pendingCandidates.add(c);
                    return;
                }
            }
            try {
                pc.addIceCandidate(c);
            } catch (RuntimeException e) {
                emit(new Failure("Adding ICE candidate failed: " + e.getMessage()));
            }
        }
    }

    private static RTCSdpType sdpType(String type) {
        return switch (type) {
            case "offer" -> RTCSdpType.OFFER;
            case "answer" -> RTCSdpType.ANSWER;
            case "pranswer" -> RTCSdpType.PR_ANSWER;
            case "rollback" -> RTCSdpType.ROLLBACK;
            default -> null;
        };
    }

    private boolean closed() {
        return session.connection == STATE_CLOSED;
    }

    @Override
    public int initialize(List<IceServer> iceServers) {
        return initialize(new RtcConfig(iceServers, RtcConfig.DEFAULT.iceTransportPolicy(),
                RtcConfig.DEFAULT.bundlePolicy(), RtcConfig.ANY_PORT, RtcConfig.ANY_PORT, true));
    }

    @Override
    public synchronized int initialize(RtcConfig config) {
        Session old = session;
        Session fresh;
        try {
            fresh = transport.call(() -> new Session(config));
        } catch (RuntimeException e) {
            return GodotError.fail(GodotError.ERR_CANT_CREATE, "Creating the peer connection failed: " + e.getMessage());
        }
        if (fresh.pc == null) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Invalid peer connection configuration (check iceServers).");
        }
        session = fresh;
        events.clear();
        if (old.connection != STATE_CLOSED) {
            old.markClosed();
            transport.run(old::closePc);
        }
        return GodotError.OK;
    }

    @Override
    public DataChannel createDataChannel(String label, ChannelConfig config) {
        if (closed()) {
            GodotError.fail(GodotError.ERR_UNCONFIGURED, "Cannot create a data channel on a closed peer connection.");
            return null;
        }
        if (config.negotiated() && (config.id() < 0 || config.id() > 65534)) {
            GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "A negotiated data channel needs an 'id' between 0 and 65534.");
            return null;
        }
        if (!config.negotiated() && config.id() != -1) {
            GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "'id' is only valid with 'negotiated': true.");
            return null;
        }
        if (config.maxPacketLifeTime() >= 0 && config.maxRetransmits() >= 0) {
            GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "'maxPacketLifeTime' and 'maxRetransmits' cannot both be set.");
            return null;
        }
        Session session = this.session;
        if (config.negotiated() && session.group.channels.stream()
                .filter(c -> c.readyState() != DataChannel.STATE_CLOSED).anyMatch(c -> c.id() == config.id())) {
            GodotError.fail(GodotError.ERR_ALREADY_IN_USE, "Data channel id " + config.id() + " is already in use on this connection.");
            return null;
        }
        RTCDataChannelInit init = new RTCDataChannelInit();
        init.ordered = config.ordered();
        init.negotiated = config.negotiated();
        init.id = config.negotiated() ? config.id() : -1;
        init.maxPacketLifeTime = config.maxPacketLifeTime();
        init.maxRetransmits = config.maxRetransmits();
        init.protocol = config.protocol() == null ? "" : config.protocol();
        try {
            RTCPeerConnection pc = session.pc;
            WebRtcJavaDataChannel made = transport.call(() -> {
                RTCDataChannel raw = pc.createDataChannel(label, init);
                return raw == null ? null : new WebRtcJavaDataChannel(raw, config, transport, session.packing, session.group);
            });
            if (made == null) {
                GodotError.fail(GodotError.ERR_CANT_CREATE, "libwebrtc refused to create data channel '" + label + "'.");
            }
            return made;
        } catch (RuntimeException e) {
            GodotError.fail(GodotError.ERR_CANT_CREATE, "Creating data channel '" + label + "' failed: " + e.getMessage());
            return null;
        }
    }

    @Override
    public int createOffer() {
        if (closed()) {
            return GodotError.fail(GodotError.ERR_UNCONFIGURED, "Cannot create an offer on a closed peer connection.");
        }
        Session s = session;
        s.restart.offerer = true;
        transport.run(() -> s.pc.createOffer(new RTCOfferOptions(), s.describe("offer")));
        return GodotError.OK;
    }

    @Override
    public int restartIce() {
        if (closed()) {
            return GodotError.fail(GodotError.ERR_UNCONFIGURED, "Cannot restart ICE on a closed peer connection.");
        }
        Session s = session;
        boolean established;
        synchronized (s.pendingCandidates) {
            established = s.remoteDescriptionSet;
        }
        if (!established) {
            return GodotError.fail(GodotError.ERR_UNCONFIGURED,
                    "Cannot restart ICE before the connection is negotiated (no remote description yet).");
        }
        if (s.signaling == SIGNALING_STATE_HAVE_REMOTE_OFFER) {
            return GodotError.fail(GodotError.ERR_BUSY, "Cannot restart ICE while a remote offer waits for its answer.");
        }
        transport.run(s::offerRestart);
        return GodotError.OK;
    }

    @Override
    public ConnectionStats stats() {
        return session.stats.latest();
    }

    @Override
    public int setLocalDescription(String type, String sdp) {
        RTCSdpType t = sdpType(type);
        if (t == null) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Unknown session description type '" + type + "'.");
        }
        if (closed()) {
            return GodotError.fail(GodotError.ERR_UNCONFIGURED, "The peer connection is closed.");
        }
        Session s = session;
        transport.run(() -> {
            if (t == RTCSdpType.OFFER) {
                s.restartOfferPending = false;
                if (s.restartOfferAbandoned) {
                    s.restartOfferAbandoned = false; // the remote's crossing offer won (setRemoteDescription)
                    return;
                }
            }
            s.pc.setLocalDescription(new RTCSessionDescription(t, sdp), s.applied("local " + type, null));
        });
        return GodotError.OK;
    }

    @Override
    public int setRemoteDescription(String type, String sdp) {
        RTCSdpType t = sdpType(type);
        if (t == null) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Unknown session description type '" + type + "'.");
        }
        if (closed()) {
            return GodotError.fail(GodotError.ERR_UNCONFIGURED, "The peer connection is closed.");
        }
        Session s = session;
        boolean offer = t == RTCSdpType.OFFER;
        if (t != RTCSdpType.ROLLBACK) {
            s.packing.remoteDescription(sdp);
        }
        transport.run(() -> {
            boolean localOffer = s.pc.getSignalingState() == RTCSignalingState.HAVE_LOCAL_OFFER;
            if (offer && s.restart.enabled() && (localOffer || s.restartOfferPending)) {
                // Restart offers crossed (both sides' networks changed, or one side's change met
                // the other's retry): the first offerer's wins. It ignores the other's; the other
                // rolls its own back (or, not yet set by the game, skips setting it) and answers.
                // The loser's offer, if the game sends it, reaches the winner before the answer
                // it waits for, so the winner ignores it too.
                if (s.restart.offerer) {
                    return;
                }
                if (localOffer) {
                    s.pc.setLocalDescription(new RTCSessionDescription(RTCSdpType.ROLLBACK, ""), s.applied("rollback", null));
                } else {
                    s.restartOfferAbandoned = true;
                    s.restartOfferPending = false;
                }
            }
            String applied = s.dtx && t != RTCSdpType.ROLLBACK ? OpusDtx.request(sdp) : sdp;
            s.pc.setRemoteDescription(
                    new RTCSessionDescription(t, applied), s.applied("remote " + type, () -> s.remoteApplied(offer)));
        });
        return GodotError.OK;
    }

    @Override
    public int addIceCandidate(String media, int index, String name) {
        if (closed()) {
            return GodotError.fail(GodotError.ERR_UNCONFIGURED, "The peer connection is closed.");
        }
        if (name == null || name.isEmpty()) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Empty ICE candidate.");
        }
        Session s = session;
        RTCIceCandidate c = new RTCIceCandidate(media, index, name);
        transport.run(() -> s.addCandidate(c));
        return GodotError.OK;
    }

    @Override
    public synchronized int pollWhile(Predicate<Event> sink) {
        if (closed()) {
            return GodotError.fail(GodotError.ERR_UNCONFIGURED, "The peer connection is closed.");
        }
        Event e;
        while ((e = events.peek()) != null && sink.test(e)) {
            events.poll();
        }
        return GodotError.OK;
    }

    @Override
    public boolean hasEvents() {
        return !events.isEmpty();
    }

    @Override
    public int pullVoice(byte[] out, int maxSamples) {
        VoiceReceiver r = session.voice;
        return r == null ? 0 : r.read(out, Math.min(maxSamples, out.length / 2));
    }

    @Override
    public int voiceAvailable() {
        VoiceReceiver r = session.voice;
        return r == null ? 0 : r.available();
    }

    @Override
    public boolean voiceSpeaking() {
        VoiceReceiver r = session.voice;
        return r != null && r.speaking();
    }

    @Override
    public boolean hasVoice() {
        return session.mic != null;
    }

    /** Data channels of the current connection not yet closed and disposed (bounded under churn). */
    public int liveChannelCount() {
        return session.group.channels.size();
    }

    /** Bytes of received packets not yet read, with their overhead, on all channels (bounded). */
    public long unreadBytes() {
        return session.group.bytes();
    }

    @Override
    public int connectionState() {
        Session s = session;
        return s.restart.visible(s.connection);
    }

    @Override
    public int gatheringState() {
        return session.gathering;
    }

    @Override
    public int signalingState() {
        return closed() ? SIGNALING_STATE_CLOSED : session.signaling;
    }

    @Override
    public synchronized void close() {
        Session s = session;
        if (s.connection == STATE_CLOSED) {
            return;
        }
        s.markClosed();
        transport.run(s::closePc);
        events.clear();
    }
}
