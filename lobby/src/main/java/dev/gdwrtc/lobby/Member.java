package dev.gdwrtc.lobby;

import java.util.function.LongConsumer;

/**
 * A connection as the lobby stores see it: the address its lobbies are counted against, and its
 * peer id and lobby once it joined (set by the store, read on any thread). The id is announced
 * (to the hub, which routes deliveries by it) before the store makes anything for it.
 */
public final class Member {
    private final String address;
    private final LongConsumer onId;
    private volatile long id;
    private volatile String lobby;

    public Member(String address, LongConsumer onId) {
        this.address = address;
        this.onId = onId;
    }

    public String address() {
        return address;
    }

    public long id() {
        return id;
    }

    public String lobby() {
        return lobby;
    }

    public boolean joined() {
        return lobby != null;
    }

    /** A drawn id, before the store tries it (a retry draws another). */
    void assign(long id) {
        this.id = id;
        onId.accept(id);
    }

    void joined(String lobby) {
        this.lobby = lobby;
    }
}
