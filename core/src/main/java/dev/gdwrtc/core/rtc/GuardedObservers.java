package dev.gdwrtc.core.rtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;

/**
 * Observers that never let a Throwable return to webrtc-java: it turns one into a C++ exception on
 * libwebrtc's thread, which ends the whole process (std::terminate). An OutOfMemoryError there, or
 * any bug, is reported and the callback's work dropped instead.
 */
final class GuardedObservers {
    private GuardedObservers() {}

    private static void report(String where, Throwable t) {
        try {
            System.err.println("gdwrtc: " + t + " in " + where + " (ignored; the process goes on)");
        } catch (Throwable ignored) {
            // Out of memory even for the message: nothing more can be done safely.
        }
    }

    private static void guard(String where, Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            report(where, t);
        }
    }

    static RTCDataChannelObserver of(RTCDataChannelObserver o) {
        return new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previous) {
                guard("onBufferedAmountChange", () -> o.onBufferedAmountChange(previous));
            }

            @Override
            public void onStateChange() {
                guard("onStateChange", o::onStateChange);
            }

            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
                // No lambda here: nothing is allocated per message before the receiver's own guard.
                try {
                    o.onMessage(buffer);
                } catch (Throwable t) {
                    report("onMessage", t);
                }
            }
        };
    }

    /** The callbacks the core's connection observes; the others keep webrtc-java's empty defaults. */
    static PeerConnectionObserver of(PeerConnectionObserver o) {
        return new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate c) {
                guard("onIceCandidate", () -> o.onIceCandidate(c));
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                guard("onConnectionChange", () -> o.onConnectionChange(state));
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState state) {
                guard("onIceGatheringChange", () -> o.onIceGatheringChange(state));
            }

            @Override
            public void onSignalingChange(RTCSignalingState state) {
                guard("onSignalingChange", () -> o.onSignalingChange(state));
            }

            @Override
            public void onDataChannel(RTCDataChannel channel) {
                guard("onDataChannel", () -> o.onDataChannel(channel));
            }

            @Override
            public void onTrack(RTCRtpTransceiver transceiver) {
                guard("onTrack", () -> o.onTrack(transceiver));
            }
        };
    }

    static CreateSessionDescriptionObserver of(CreateSessionDescriptionObserver o) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription d) {
                guard("createOffer/createAnswer", () -> o.onSuccess(d));
            }

            @Override
            public void onFailure(String error) {
                guard("createOffer/createAnswer", () -> o.onFailure(error));
            }
        };
    }

    static SetSessionDescriptionObserver of(SetSessionDescriptionObserver o) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                guard("setLocalDescription/setRemoteDescription", o::onSuccess);
            }

            @Override
            public void onFailure(String error) {
                guard("setLocalDescription/setRemoteDescription", () -> o.onFailure(error));
            }
        };
    }
}
