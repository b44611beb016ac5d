package dev.gdwrtc.tests.lobby;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The protocol on one node with lobbies in a real redis-server (the Lua scripts' rules). */
class RedisLobbyProtocolTest extends LobbyProtocolCases {
    private RedisServer redis;
    private int nodes;

    @BeforeAll
    @Override
    void startNode() throws Exception {
        redis = new RedisServer(tmp);
        super.startNode();
    }

    @AfterAll
    @Override
    void stopNode() throws Exception {
        super.stopNode();
        redis.close();
    }

    /** Each node its own key prefix: a cluster of one, so the limit tests start clean. */
    @Override
    LobbyNode start(String name, String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(List.of("--redis-prefix", "t" + nodes++ + ":"));
        return new LobbyNode(name, redis.uri(), all.toArray(String[]::new));
    }
}
