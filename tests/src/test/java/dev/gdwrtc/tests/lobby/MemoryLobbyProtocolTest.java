package dev.gdwrtc.tests.lobby;

/** The protocol on one node with lobbies in memory (no --redis). */
class MemoryLobbyProtocolTest extends LobbyProtocolCases {
    @Override
    LobbyNode start(String name, String... options) throws Exception {
        return new LobbyNode(name, null, options);
    }
}
