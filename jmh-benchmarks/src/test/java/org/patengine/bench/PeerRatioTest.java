package org.patengine.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** The peer table: % of the peak of the same run and thread count, × the peer's faster thread count. */
class PeerRatioTest {

    private static String metrics(String bench, String params, double flops, double samples) {
        return "{\"benchmark\":\"org.patengine.bench." + bench + "\",\"params\":{" + params + "},"
                + "\"primaryMetric\":{\"score\":1,\"scoreError\":0.1,\"scoreUnit\":\"ops/s\"},"
                + "\"secondaryMetrics\":{\"flops\":{\"score\":" + flops + "}"
                + (samples > 0 ? ",\"samples\":{\"score\":" + samples + "}" : "") + "}}";
    }

    private static JsonArray jmh(String peak, double peakFlops, double samples32) {
        return JsonParser.parseString("[" + metrics("PeakFlopsBenchmark." + peak, "", peakFlops, 0) + ","
                + metrics("TrainingStepBenchmark.step", "\"mode\":\"pat\",\"batch\":\"32\"", samples32 * 13e6, samples32) + "]")
                .getAsJsonArray();
    }

    private static JsonObject peer(double pat32) {
        return JsonParser.parseString("{\"threads\":1,\"train_step\":{\"pat_b32\":{\"samples_per_s\":" + pat32 + "}}}").getAsJsonObject();
    }

    @Test
    void eachThreadCountIsComparedWithItsOwnPeakAndWithThePeersBest() {
        String md = PeerRatio.render(jmh("oneThread", 100e9, 4000), jmh("twoThreads", 200e9, 6000), peer(1000), peer(800));
        assertTrue(md.contains("100.0 GFLOP/s on 1 thread, 200.0 on 2"), md);
        // 4000 × 13 MFLOP = 52 GFLOP/s: 52 % of 100; 6000 × 13 = 78 of 200: 39 %; the peer's best is 1000
        assertTrue(md.contains("| pat | 32 | 4,000 (52 %) | 6,000 (39 %) | 1,000 / 800 | 4.00 | 6.00 |"), md);
        assertTrue(!md.contains("| pat | 256 |"), "no row for a batch that was not run: " + md);
        assertThrows(IllegalArgumentException.class, () -> PeerRatio.render(jmh("twoThreads", 1, 1), jmh("twoThreads", 1, 1), peer(1), peer(1)));
    }
}
