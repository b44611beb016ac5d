package dev.gdwrtc.lobby;

/**
 * The wire protocol of Godot's webrtc_signaling demo (its client/ws_webrtc_client.gd speaks it
 * unchanged): message types, the peer ids with a meaning, the timers, and the close codes with
 * the demo server's reason strings. Our extensions are the reasons at the end (docs/lobby.md).
 */
public final class Protocol {
    public static final int JOIN = 0;
    public static final int ID = 1;
    public static final int PEER_CONNECT = 2;
    public static final int PEER_DISCONNECT = 3;
    public static final int OFFER = 4;
    public static final int ANSWER = 5;
    public static final int CANDIDATE = 6;
    public static final int SEAL = 7;

    /** The lobby's host is peer 1 to everyone, as Godot's MultiplayerPeer server is. */
    public static final long HOST_ID = 1;

    /** Random lobby names: 16 of these characters. */
    public static final String NAME_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static final int NAME_LENGTH = 16;

    /** A connection that has not joined a lobby within this time is closed. */
    public static final long JOIN_TIMEOUT_MS = 1000;

    /** A sealed lobby's peers are closed this long after the seal. */
    public static final long SEAL_CLOSE_MS = 10_000;

    /** Every connection is pinged this often (WebSocket ping frames), so idle NATs keep it. */
    public static final long PING_INTERVAL_MS = 10_000;

    /** Protocol errors close the connection with this code; a completed seal with NORMAL. */
    public static final int CLOSE_ERROR = 4000;

    public static final int CLOSE_NORMAL = 1000;

    // The demo server's reasons, word for word (clients may show or match them).
    public static final String NO_LOBBY = "Have not joined lobby yet";
    public static final String HOST_DISCONNECTED = "Room host has disconnected";
    public static final String ONLY_HOST_CAN_SEAL = "Only host can seal the lobby";
    public static final String SEAL_COMPLETE = "Seal complete";
    public static final String TOO_MANY_LOBBIES = "Too many lobbies open, disconnecting";
    public static final String ALREADY_IN_LOBBY = "Already in a lobby";
    public static final String LOBBY_DOES_NOT_EXIST = "Lobby does not exists";
    public static final String LOBBY_IS_SEALED = "Lobby is sealed";
    public static final String INVALID_FORMAT = "Invalid message format";
    public static final String NEED_LOBBY = "Invalid message when not in a lobby";
    public static final String SERVER_ERROR = "Server error, lobby not found";
    public static final String INVALID_DEST = "Invalid destination";
    public static final String INVALID_CMD = "Invalid command";
    public static final String TOO_MANY_PEERS = "Too many peers connected";
    public static final String INVALID_TRANSFER_MODE = "Invalid transfer mode, must be text";

    // Ours: limits and tokens the demo server does not have.
    public static final String MESSAGE_TOO_LARGE = "Message too large";
    public static final String RATE_LIMITED = "Too many messages";
    public static final String TOO_MANY_LOBBIES_FROM_ADDRESS = "Too many lobbies from this address";
    public static final String LOBBY_FULL = "Lobby is full";
    public static final String BAD_TOKEN = "Invalid or expired token";
    public static final String UNAVAILABLE = "Lobby service unavailable";
    public static final String NOT_READING = "Too many unread messages";

    private Protocol() {}
}
