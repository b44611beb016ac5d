package dev.gdwrtc.lobby;

/** A peer broke the protocol or a limit: its connection is closed with code 4000 and this reason. */
public final class ProtocolError extends RuntimeException {
    public ProtocolError(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
