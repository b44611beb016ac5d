package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.config.RtcConfig;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceTransportPolicy;

/** A validated {@link RtcConfig} as webrtc-java's {@link RTCConfiguration} (ICE servers added by the caller). */
final class RtcConfigs {
    private RtcConfigs() {}

    static RTCConfiguration toWebrtc(RtcConfig c) {
        RTCConfiguration config = new RTCConfiguration();
        config.iceTransportPolicy = switch (c.iceTransportPolicy()) {
            case ALL -> RTCIceTransportPolicy.ALL;
            case RELAY -> RTCIceTransportPolicy.RELAY;
        };
        config.bundlePolicy = switch (c.bundlePolicy()) {
            case BALANCED -> RTCBundlePolicy.BALANCED;
            case MAX_COMPAT -> RTCBundlePolicy.MAX_COMPAT;
            case MAX_BUNDLE -> RTCBundlePolicy.MAX_BUNDLE;
        };
        if (c.hasPortRange()) {
            // The default allocator settings (flags) stay; only the range changes.
            PortAllocatorConfig ports = config.portAllocatorConfig;
            ports.minPort = c.minPort();
            ports.maxPort = c.maxPort();
        }
        return config;
    }
}
