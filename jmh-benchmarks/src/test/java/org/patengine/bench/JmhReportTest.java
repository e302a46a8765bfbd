package org.patengine.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * The report's system-kernel table: each row's GFLOP/s against the peak with its threads (scalar
 * 1, SIMD its threads parameter, OpenCL none), × scalar on the same shape, samples/s.
 */
class JmhReportTest {

    private static String result(String bench, int threads, String params, double score, double flops, double samples) {
        return "{\"benchmark\":\"org.patengine.bench." + bench + "\",\"threads\":" + threads + ",\"params\":{" + params + "},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":0.1,\"scoreUnit\":\"ops/s\"},"
                + "\"secondaryMetrics\":{\"flops\":{\"score\":" + flops + ",\"scoreError\":1e8}"
                + (samples > 0 ? ",\"samples\":{\"score\":" + samples + ",\"scoreError\":1}" : "") + "}}";
    }

    @Test
    void kernelRowsAreComparedWithThePeakOfTheirThreadsAndWithScalar() {
        JsonArray json = JsonParser.parseString("["
                + result("PeakFlopsBenchmark.oneThread", 1, "", 1, 100e9, 0) + ","
                + result("PeakFlopsBenchmark.twoThreads", 2, "", 1, 200e9, 0) + ","
                + result("ShgBenchmark.forward", 1, "\"n\":\"64\",\"batch\":\"32\",\"backend\":\"simd\",\"threads\":\"2\"", 10, 40e9, 320) + ","
                + result("ShgBenchmark.forward", 1, "\"n\":\"64\",\"batch\":\"32\",\"backend\":\"scalar\",\"threads\":\"2\"", 10, 5e9, 80) + ","
                + result("ShgBenchmark.forward", 1, "\"n\":\"64\",\"batch\":\"32\",\"backend\":\"opencl\",\"threads\":\"2\"", 10, 10e9, 160)
                + "]").getAsJsonArray();
        String md = JmhReport.render(json);
        assertTrue(md.contains("| ShgBenchmark.forward | batch=32, n=64 | scalar | 1 | 80.00 | 5.00 | 0.10 | 5 % | 1.0 | — |"), md);
        assertTrue(md.contains("| ShgBenchmark.forward | batch=32, n=64 | simd | 2 | 320.0 | 40.00 | 0.10 | 20 % | 8.0 | — |"), md);
        assertTrue(md.contains("| ShgBenchmark.forward | batch=32, n=64 | opencl | device | 160.0 | 10.00 | 0.10 | — | 2.0 | — |"), md);
        assertTrue(md.indexOf("| scalar |") < md.indexOf("| simd |") && md.indexOf("| simd |") < md.indexOf("| opencl |"), md);
    }
}
