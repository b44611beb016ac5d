package dev.gdwrtc.lobby;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Lobbies in this process (no --redis): one lock, every peer local. The same rules as the Redis
 * scripts (lobby/*.lua); the protocol tests run against both.
 */
final class MemoryStore implements LobbyStore {
    private static final class Lobby {
        final long host;
        final boolean mesh;
        final String address;
        final Set<Long> peers = new LinkedHashSet<>();
        boolean sealed;

        Lobby(long host, boolean mesh, String address) {
            this.host = host;
            this.mesh = mesh;
            this.address = address;
        }

        long publicId(long id) {
            return id == host ? Protocol.HOST_ID : id;
        }

        /** In a star (not mesh) clients see the host only. */
        boolean visible(long a, long b) {
            return mesh || a == host || b == host;
        }
    }

    private final Limits limits;
    private final Names names = new Names();
    private final Map<String, Lobby> lobbies = new HashMap<>();
    private final Map<String, Integer> lobbiesByAddress = new HashMap<>();
    private final Set<Long> ids = new java.util.HashSet<>();

    MemoryStore(Limits limits) {
        this.limits = limits;
    }

    private Consumer<Delivery> sink;

    @Override
    public void start(Consumer<Delivery> sink, Runnable evicted) {
        this.sink = sink;
    }

    /** Runs an operation and hands its deliveries on under the lock, so they keep its order. */
    private CompletionStage<Void> run(Supplier<List<Delivery>> op) {
        synchronized (this) {
            try {
                op.get().forEach(sink);
                return CompletableFuture.completedFuture(null);
            } catch (ProtocolError e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    @Override
    public CompletionStage<Void> join(Member m, String name, boolean mesh) {
        return run(() -> joinLocked(m, name, mesh));
    }

    private List<Delivery> joinLocked(Member m, String name, boolean mesh) {
        long id;
        do {
            id = names.peerId();
        } while (ids.contains(id));
        Lobby lobby;
        if (name.isEmpty()) {
            if (lobbies.size() >= limits.maxLobbies()) {
                throw new ProtocolError(Protocol.TOO_MANY_LOBBIES);
            }
            if (lobbiesByAddress.getOrDefault(m.address(), 0) >= limits.maxLobbiesPerAddress()) {
                throw new ProtocolError(Protocol.TOO_MANY_LOBBIES_FROM_ADDRESS);
            }
            do {
                name = names.lobbyName();
            } while (lobbies.containsKey(name));
            lobby = new Lobby(id, mesh, m.address());
            lobbies.put(name, lobby);
            lobbiesByAddress.merge(m.address(), 1, Integer::sum);
        } else {
            lobby = lobbies.get(name);
            if (lobby == null) {
                throw new ProtocolError(Protocol.LOBBY_DOES_NOT_EXIST);
            }
            if (lobby.sealed) {
                throw new ProtocolError(Protocol.LOBBY_IS_SEALED);
            }
            if (lobby.peers.size() >= limits.maxLobbyPeers()) {
                throw new ProtocolError(Protocol.LOBBY_FULL);
            }
        }
        List<Delivery> out = new ArrayList<>();
        long me = lobby.publicId(id);
        m.assign(id);
        out.add(Delivery.message(id, Protocol.ID, me, lobby.mesh ? "true" : ""));
        for (long p : lobby.peers) {
            if (lobby.visible(p, id)) {
                out.add(Delivery.message(p, Protocol.PEER_CONNECT, me, ""));
                out.add(Delivery.message(id, Protocol.PEER_CONNECT, lobby.publicId(p), ""));
            }
        }
        out.add(Delivery.message(id, Protocol.JOIN, 0, name));
        lobby.peers.add(id);
        ids.add(id);
        m.joined(name);
        return out;
    }

    @Override
    public CompletionStage<Void> leave(Member m) {
        return run(() -> leaveLocked(m));
    }

    private List<Delivery> leaveLocked(Member m) {
        List<Delivery> out = new ArrayList<>();
        ids.remove(m.id());
        Lobby lobby = m.joined() ? lobbies.get(m.lobby()) : null;
        if (lobby == null || !lobby.peers.remove(m.id())) {
            return out;
        }
        boolean host = m.id() == lobby.host;
        for (long p : lobby.peers) {
            if (host) {
                out.add(Delivery.close(p, Protocol.CLOSE_ERROR, Protocol.HOST_DISCONNECTED));
            } else if (lobby.visible(p, m.id())) {
                out.add(Delivery.message(p, Protocol.PEER_DISCONNECT, m.id(), ""));
            }
        }
        if (host) {
            lobbies.remove(m.lobby());
            lobbiesByAddress.computeIfPresent(lobby.address, (a, n) -> n > 1 ? n - 1 : null);
        }
        return out;
    }

    private Lobby lobbyOf(Member m) {
        Lobby lobby = m.joined() ? lobbies.get(m.lobby()) : null;
        if (lobby == null) {
            throw new ProtocolError(Protocol.SERVER_ERROR);
        }
        return lobby;
    }

    @Override
    public CompletionStage<Void> seal(Member m) {
        return run(() -> {
            Lobby lobby = lobbyOf(m);
            if (lobby.host != m.id()) {
                throw new ProtocolError(Protocol.ONLY_HOST_CAN_SEAL);
            }
            lobby.sealed = true;
            return lobby.peers.stream().map(p -> Delivery.message(p, Protocol.SEAL, 0, "")).toList();
        });
    }

    @Override
    public CompletionStage<Void> relay(Member m, int type, long dest, String data) {
        return run(() -> {
            Lobby lobby = lobbyOf(m);
            long to = dest == Protocol.HOST_ID ? lobby.host : dest;
            if (!lobby.peers.contains(to)) {
                throw new ProtocolError(Protocol.INVALID_DEST);
            }
            return List.of(Delivery.message(to, type, lobby.publicId(m.id()), data));
        });
    }

    @Override
    public CompletionStage<Void> sealExpired(String name) {
        return run(() -> {
            Lobby lobby = lobbies.get(name);
            return lobby == null || !lobby.sealed
                    ? List.<Delivery>of()
                    : lobby.peers.stream().map(p -> Delivery.close(p, Protocol.CLOSE_NORMAL, Protocol.SEAL_COMPLETE)).toList();
        });
    }

    @Override
    public synchronized long lobbyCount() {
        return lobbies.size();
    }

    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public void close() {}
}
