package dev.gdwrtc.lobby;

import java.security.SecureRandom;

/**
 * Random lobby names (the only thing that keeps a lobby private, so from a secure source) and peer
 * ids (positive int32, never 0 or 1, which mean "everyone" and "the host").
 */
final class Names {
    private final SecureRandom random = new SecureRandom();

    String lobbyName() {
        StringBuilder b = new StringBuilder(Protocol.NAME_LENGTH);
        for (int i = 0; i < Protocol.NAME_LENGTH; i++) {
            b.append(Protocol.NAME_ALPHABET.charAt(random.nextInt(Protocol.NAME_ALPHABET.length())));
        }
        return b.toString();
    }

    long peerId() {
        return 2 + random.nextInt(Integer.MAX_VALUE - 1);
    }
}
