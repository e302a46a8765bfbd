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
        // toy-oscillators has two layers, each with its own hidden mismatch: one twin per layer
        Path out2 = dir.resolve("twin2");
        String[] fit2 = CliRuns.run("twin", "fit", "--inputs", "16", "--samples", "400", "--epochs", "5", "--widths", "16", "--layer", "2",
                "--out", out2.toString());
        assertEquals("0", fit2[0], fit2[1] + fit2[2]);
        String[] one = CliRuns.run("train", "--dataset", "circle", "--twin", twin.toString(), "--epochs", "1", "--out",
                dir.resolve("one").toString());
        assertEquals("1", one[0]);
        assertTrue(one[2].contains("was fitted to other hardware than this run's layer 2 (layer 1, the run's 2)")
                && one[2].contains("--seed 1 --layer 2"), one[2]);
        String[] seed2 = CliRuns.run("train", "--dataset", "circle", "--seed", "2", "--twin", twin + "," + out2.resolve("twin.json"),
                "--epochs", "1", "--out", dir.resolve("seed2").toString());
        assertEquals("1", seed2[0]);
        assertTrue(seed2[2].contains("layer 1 (seed 1, the run's 2)"), seed2[2]);
        assertTrue(!Files.exists(dir.resolve("one")) && !Files.exists(dir.resolve("seed2")));
        twin = Path.of(twin + "," + out2.resolve("twin.json"));
        Path run = dir.resolve("run");
        String[] train = CliRuns.run("train", "--dataset", "circle", "--twin", twin.toString(), "--epochs", "1", "--train-samples", "64",
                "--validation", "32", "--test-samples", "32", "--no-progress", "--out", run.toString());
        assertEquals("0", train[0], train[1] + train[2]);
        assertTrue(Files.readString(run.resolve("config.json")).contains("\"twinSha256\" : \""));
        Files.writeString(out.resolve("twin.json"), Files.readString(out.resolve("twin.json")).replace("\"samples\" : 400", "\"samples\" : 401"));
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

    /**
     * --twin-refine end to end: compare with {seed} in the twin's name runs pat refined and insilico
     * plain, writes the refined twins and the task gradient fidelity, and a run cut after epoch 1
     * and resumed ends as the uninterrupted one; the options are refused where they would be ignored.
     */
    @Test
    void twinsRefinedInTheLoopPerSeedResumeExactly(@TempDir Path dir) throws Exception {
        for (String seed : new String[] {"1", "2"}) {
            for (String layer : new String[] {"1", "2"}) {
                String[] fit = CliRuns.run("twin", "fit", "--inputs", "16", "--samples", "400", "--epochs", "5", "--widths", "16",
                        "--seed", seed, "--layer", layer, "--input-range", "-2.5,2.5", "--out", dir.resolve("t-s" + seed + "-L" + layer).toString());
                assertEquals("0", fit[0], fit[1] + fit[2]);
            }
        }
        String twins = dir.resolve("t-s{seed}-L1/twin.json") + "," + dir.resolve("t-s{seed}-L2/twin.json");
        String[] small = {"--dataset", "circle", "--train-samples", "200", "--validation", "50", "--test-samples", "100", "--no-progress"};
        String[] cmp = CliRuns.run(concat(new String[] {"compare", "--modes", "pat,insilico", "--seeds", "1,2", "--epochs", "2",
                "--twin", twins, "--twin-refine", "2", "--twin-memory", "300", "--out", dir.resolve("cmp").toString()}, small));
        assertEquals("0", cmp[0], cmp[1] + cmp[2]);
        String patConfig = Files.readString(dir.resolve("cmp/pat-s2/config.json"));
        assertTrue(patConfig.contains("t-s{seed}-L1/twin.json") && patConfig.contains("\"twinRefine\" : 2")
                && patConfig.contains("\"twinMemory\" : 300"), patConfig);
        assertTrue(Files.readString(dir.resolve("cmp/insilico-s1/config.json")).contains("\"twinRefine\" : 0"));
        String refined = Files.readString(dir.resolve("cmp/pat-s1/twin-layer2.json"));
        // the twin as the selected epoch left it (BestEpoch restores the refinement with the parameters):
        // 200 training samples per epoch, at most 300 held
        java.util.regex.Matcher after = java.util.regex.Pattern.compile("\"refinedAfterEpochs\" : (\\d+)").matcher(refined);
        assertTrue(after.find(), refined);
        int epochs = Integer.parseInt(after.group(1));
        assertTrue(epochs == 1 || epochs == 2, "refined after " + epochs + " epochs");
        assertTrue(refined.contains("\"refineMeasurementsHeld\" : " + Math.min(300, 200 * epochs)), refined);
        assertTrue(!Files.exists(dir.resolve("cmp/insilico-s1/twin-layer1.json")));
        assertTrue(Files.readString(dir.resolve("cmp/pat-s1/summary.json")).contains("\"gradientFidelity\" : 0."));
        // the same command again reuses the finished runs
        String[] again = CliRuns.run(concat(new String[] {"compare", "--modes", "pat,insilico", "--seeds", "1,2", "--epochs", "2",
                "--twin", twins, "--twin-refine", "2", "--twin-memory", "300", "--out", dir.resolve("cmp").toString()}, small));
        assertEquals("0", again[0], again[2]);
        assertEquals(cmp[1], again[1]);

        // cut after epoch 1, resumed to 2: the same metrics and refined twins as the uninterrupted run
        String[] cut = CliRuns.run(concat(new String[] {"train", "--epochs", "1", "--twin", twins, "--twin-refine", "2",
                "--twin-memory", "300", "--out", dir.resolve("cut").toString()}, small));
        assertEquals("0", cut[0], cut[2]);
        String[] resumed = CliRuns.run("train", "--resume", dir.resolve("cut").toString(), "--epochs", "2", "--no-progress");
        assertEquals("0", resumed[0], resumed[2]);
        assertEquals(Files.readString(dir.resolve("cmp/pat-s1/twin-layer1.json")), Files.readString(dir.resolve("cut/twin-layer1.json")));
        assertEquals(lastTestLine(dir.resolve("cmp/pat-s1/summary.json")), lastTestLine(dir.resolve("cut/summary.json")));

        String[] insilico = CliRuns.run("train", "--dataset", "circle", "--mode", "insilico", "--twin", twins, "--twin-refine", "1",
                "--out", dir.resolve("x").toString());
        assertEquals("1", insilico[0]);
        assertTrue(insilico[2].contains("the insilico mode measures nothing while training: use it with mode pat"), insilico[2]);
        String[] noTwin = CliRuns.run("train", "--dataset", "circle", "--twin-refine", "1", "--out", dir.resolve("y").toString());
        assertEquals("1", noTwin[0]);
        assertTrue(noTwin[2].contains("refines learned twins, but the run has none"), noTwin[2]);
        String[] memoryAlone = CliRuns.run("train", "--dataset", "circle", "--twin", twins, "--twin-memory", "100", "--out",
                dir.resolve("z").toString());
        assertEquals("1", memoryAlone[0]);
        assertTrue(memoryAlone[2].contains("twinMemory and twinRefineLr are twinRefine's settings"), memoryAlone[2]);
    }

    private static String lastTestLine(Path summary) throws java.io.IOException {
        String s = Files.readString(summary);
        return s.substring(s.indexOf("\"testPhysicalAcc\""), s.indexOf("\"confusion\""));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
