package dev.gdwrtc.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.config.RtcConfigParser.InvalidConfigException;
import org.junit.jupiter.api.Test;

/** gdwrtcStatsInterval and gdwrtcAutoIceRestart of initialize()'s dictionary. */
class StatsAndRestartKeysTest {
    @Test
    void defaultsSampleEverySecondAndNeverRestartByThemselves() {
        RtcConfig c = RtcConfigParser.peerConfig("{}");
        assertEquals(RtcConfig.DEFAULT_STATS_INTERVAL_MS, c.statsIntervalMs());
        assertEquals(false, c.autoIceRestart());
        assertEquals(RtcConfig.DEFAULT, c);
    }

    @Test
    void keysAreRead() {
        RtcConfig c = RtcConfigParser.peerConfig("{\"gdwrtcStatsInterval\": 250, \"gdwrtcAutoIceRestart\": true}");
        assertEquals(250, c.statsIntervalMs());
        assertTrue(c.autoIceRestart());
        assertEquals(0, RtcConfigParser.peerConfig("{\"gdwrtcStatsInterval\": 0}").statsIntervalMs());
        assertEquals(100, RtcConfigParser.peerConfig("{\"gdwrtcStatsInterval\": 100.0}").statsIntervalMs());
    }

    @Test
    void badValuesNameTheKey() {
        for (String bad : new String[] {"10", "-1", "1.5", "\"fast\"", "3600001"}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> RtcConfigParser.peerConfig("{\"gdwrtcStatsInterval\": " + bad + "}"));
            assertTrue(e.getMessage().contains("gdwrtcStatsInterval"), e.getMessage());
        }
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> RtcConfigParser.peerConfig("{\"gdwrtcAutoIceRestart\": \"yes\"}"));
        assertTrue(e.getMessage().contains("gdwrtcAutoIceRestart"), e.getMessage());
    }
}
