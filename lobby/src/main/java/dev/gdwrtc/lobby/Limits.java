package dev.gdwrtc.lobby;

/**
 * The bounds against hostile or runaway clients (docs/lobby.md, "Limits"); the defaults are far
 * above what games reach: an SDP offer is a few KiB, a mesh a handful of peers, a connection's
 * signalling a few dozen messages.
 */
public record Limits(
        int maxMessageBytes,
        int maxConnections,
        int maxLobbies,
        int maxLobbiesPerAddress,
        int maxLobbyPeers,
        double messagesPerSecond,
        int messageBurst,
        int maxUnsentBytes) {}
