package dev.gdwrtc.lobby;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where lobbies live: in this process ({@link MemoryStore}) or in Redis, shared by many nodes
 * ({@link RedisStore}). Each operation is atomic and hands what it sends to whom to the sink, in the
 * order the operations ran (other nodes' peers get theirs through Redis); it fails with
 * {@link ProtocolError} when the peer broke the protocol or a limit.
 */
interface LobbyStore extends AutoCloseable {
    /**
     * Starts the store; every delivery for this node's peers goes to {@code sink}. {@code evicted}
     * runs if the others took this node for dead (its peers left their lobbies without it).
     */
    void start(Consumer<Delivery> sink, Runnable evicted) throws Exception;

    /** JOIN: creates a lobby (empty name) or joins one; assigns the member its id. */
    CompletionStage<Void> join(Member m, String lobby, boolean mesh);

    /** The member's connection closed. */
    CompletionStage<Void> leave(Member m);

    CompletionStage<Void> seal(Member m);

    /** OFFER, ANSWER or CANDIDATE to {@code dest} (1: the host), sent with the sender's id. */
    CompletionStage<Void> relay(Member m, int type, long dest, String data);

    /** {@link Protocol#SEAL_CLOSE_MS} after a seal: closes every peer still in the lobby. */
    CompletionStage<Void> sealExpired(String lobby);

    /** Open lobbies (across all nodes, as last seen). */
    long lobbyCount();

    boolean healthy();

    @Override
    void close();
}
