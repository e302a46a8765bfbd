package org.patengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pat twin fit} writes a twin and its quality report; {@code pat train --twin} trains with
 * it, refuses one of other sizes, and a resumed run refuses a twin file that changed.
 */
class TwinCommandTest {

    @Test
    void aFittedTwinTrainsARunAndAChangedOneIsRefusedOnResume(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("twin");
        String[] fit = CliRuns.run("twin", "fit", "--inputs", "16", "--samples", "400", "--epochs", "5", "--widths", "16",
                "--out", out.toString());
        assertEquals("0", fit[0], fit[1] + fit[2]);
        assertTrue(fit[1].contains("| oscillators(16, all-to-all"), fit[1]);
        for (String f : new String[] {"twin.json", "quality.json", "quality.md", "parity.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String quality = Files.readString(out.resolve("quality.json"));
        assertTrue(quality.contains("\"gradientFidelity\"") && quality.contains("\"physicalCalls\" : 100"), quality);
        Path twin = out.resolve("twin.json");
        Path run = dir.resolve("run");
        String[] train = CliRuns.run("train", "--dataset", "circle", "--twin", twin.toString(), "--epochs", "1", "--train-samples", "64",
                "--validation", "32", "--test-samples", "32", "--no-progress", "--out", run.toString());
        assertEquals("0", train[0], train[1] + train[2]);
        assertTrue(Files.readString(run.resolve("config.json")).contains("\"twinSha256\" : \""));
        Files.writeString(twin, Files.readString(twin).replace("\"samples\" : 400", "\"samples\" : 401"));
        String[] resumed = CliRuns.run("train", "--resume", run.toString(), "--epochs", "2", "--no-progress");
        assertEquals("1", resumed[0]);
        assertTrue(resumed[2].contains("changed since the run started"), resumed[2]);
        String[] small = CliRuns.run("twin", "fit", "--inputs", "8", "--samples", "80", "--epochs", "1", "--widths", "4",
                "--out", dir.resolve("small").toString());
        assertEquals("0", small[0], small[2]);
        String[] mismatch = CliRuns.run("train", "--dataset", "circle", "--twin", dir.resolve("small/twin.json").toString(),
                "--out", dir.resolve("m").toString());
        assertEquals("1", mismatch[0]);
        assertTrue(mismatch[2].contains("is a twin of 8 inputs, 44 parameters and 8 outputs") && mismatch[2].contains("the layer has 16, 152 and 16"),
                mismatch[2]);
        assertTrue(!Files.exists(dir.resolve("m")));
        String[] relu = CliRuns.run("twin", "fit", "--activation", "relu", "--out", dir.resolve("r").toString());
        assertTrue(relu[2].contains("a twin's VJP needs a smooth map"), relu[2]);
    }
}
