package org.patengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patengine.sim.Rng;


/** {@code pat train} with the Fashion-MNIST patch architecture on a tiny IDX folder. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        return CliRuns.run(args);
    }

    private static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(magic);
        for (int v : dims) {
            d.writeInt(v);
        }
        d.write(data);
        return b.toByteArray();
    }

    /** n random 28×28 images with labels 0…9 cycling. */
    private void writeSplit(Path folder, String prefix, int n, long seed) throws IOException {
        Rng r = new Rng(seed);
        byte[] px = new byte[n * 784];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) r.nextInt(256);
        }
        byte[] lb = new byte[n];
        for (int i = 0; i < n; i++) {
            lb[i] = (byte) (i % 10);
        }
        Files.write(folder.resolve(prefix + "-images-idx3-ubyte"), idx(0x00000803, new int[] {n, 28, 28}, px));
        Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), idx(0x00000801, new int[] {n}, lb));
    }

    @Test
    void fashionMnistTrainsThePatchArchitectureByDefault() throws IOException {
        Path data = Files.createDirectories(dir.resolve("fashion-mnist"));
        writeSplit(data, "train", 20, 1);
        writeSplit(data, "t10k", 6, 2);
        Path out = dir.resolve("run");
        String[] r = run("train", "--dataset", "fashion-mnist", "--preset", "paper-gap",
                "--mode", "pat", "--epochs", "1", "--batch", "4", "--train-samples", "8", "--validation", "4",
                "--test-samples", "4", "--data", dir.toString(), "--out", out.toString(), "--no-progress");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("test accuracy on the physical system"), r[1]);
        String config = Files.readString(out.resolve("config.json"));
        assertTrue(config.contains("\"architecture\" : \"fashion-patches\""), config);
        assertTrue(Files.exists(out.resolve("checkpoint.bin")), "checkpoint written");
    }

    /** The first "physical system NN.NN%" figure of an eval line, in percent. */
    private static double accuracy(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("physical system ([0-9.]+)%").matcher(line);
        assertTrue(m.find(), line);
        return Double.parseDouble(m.group(1));
    }

    /** The 2-D demo tasks run with nothing but --dataset and learn (#15: circle reached 79 % on oscillators). */
    @Test
    void theToyTasksLearnWithTheirDefaults() {
        for (String system : new String[] {"oscillators", "shg"}) {
            Path out = dir.resolve("demo-" + system);
            String[] r = run("train", "--dataset", "circle", "--system", system, "--out", out.toString());
            assertEquals("0", r[0], r[1] + r[2]);
            double acc = accuracy(r[1]);
            assertTrue(acc >= 95, system + ": circle with its defaults reached only " + acc + " %: " + r[1]);
        }
    }

    @Test
    void hardwareKnobsGoIntoTheResolvedConfiguration() throws IOException {
        Path out = dir.resolve("knobs");
        String[] t = run("train", "--dataset", "circle", "--epochs", "1", "--validation", "100", "--test-samples", "100",
                "--hardware", "readoutNoise=0.01,dacBits=10", "--no-progress", "--out", out.toString());
        assertEquals("0", t[0], t[1] + t[2]);
        String config = Files.readString(out.resolve("config.json"));
        assertTrue(config.contains("\"readoutNoise\" : 0.01") && config.contains("\"dacBits\" : 10.0"), config);
        assertTrue(config.contains("\"augmentation\" : \"none\"") && config.contains("\"architecture\" : \"toy-oscillators\""), config);
        assertTrue(config.contains("\"architecture\" : \"toy-oscillators\",\n  \"depth\" : 0,\n  \"system\" : \"oscillators\",\n"),
                "the system, right after the architecture: " + config);
        String[] bad = run("train", "--dataset", "circle", "--epochs", "1", "--hardware", "adcBits=2.5", "--no-progress",
                "--out", dir.resolve("bad").toString());
        assertEquals("1", bad[0]);
        assertTrue(bad[2].contains("hardware: adcBits must be a whole number of bits"), bad[2]);
    }

    @Test
    void thePatchArchitectureRefusesTheToyTasks() {
        String[] r = run("train", "--dataset", "circle", "--architecture", "fashion-patches", "--epochs", "1",
                "--out", dir.resolve("run").toString(), "--no-progress");
        assertEquals("1", r[0], r[1] + r[2]);
        assertTrue(r[2].contains("fashion-patches takes 28x28 images as 16 patches of 7x7")
                && r[2].contains("toy-oscillators"), r[2]);
    }

    /** --resume keeps the saved configuration: --epochs extends the run, any other option is refused, not ignored. */
    @Test
    void resumeExtendsWithEpochsAndRefusesOtherOptions() throws IOException {
        Path out = dir.resolve("extend");
        String[] t = run("train", "--dataset", "circle", "--epochs", "1", "--train-samples", "64", "--test-samples", "50",
                "--no-progress", "--out", out.toString());
        assertEquals("0", t[0], t[1] + t[2]);
        String[] lr = run("train", "--resume", out.toString(), "--epochs", "5", "--lr", "0.5", "--seed", "3");
        assertEquals("2", lr[0], lr[1] + lr[2]);
        assertTrue(lr[2].contains("--lr, --seed cannot change it (only --epochs, to extend the run)"), lr[2]);
        String[] more = run("train", "--resume", out.toString(), "--epochs", "2", "--no-progress");
        assertEquals("0", more[0], more[1] + more[2]);
        assertTrue(more[1].contains("(2 epochs"), more[1]);
        assertTrue(Files.readString(out.resolve("config.json")).contains("\"epochs\" : 2"));
        assertEquals(2, org.patengine.engine.experiment.RunFolder.readEpochs(out).size());
        String[] fewer = run("train", "--resume", out.toString(), "--epochs", "1", "--no-progress");
        assertEquals("1", fewer[0], fewer[1] + fewer[2]);
        assertTrue(fewer[2].contains("has trained 2 epochs already"), fewer[2]);
    }

    /** A start that fails on its data leaves nothing behind, so the corrected command runs as if it were the first. */
    @Test
    void aFailedStartLeavesNoRunFolder() throws IOException {
        Path parent = dir.resolve("new-parent");
        Path out = parent.resolve("run");
        Path csv = Files.writeString(dir.resolve("bad.csv"), "not,a,vowel,file\n1,2,3,4\n");
        String[] bad = run("train", "--dataset", "vowels", "--data", csv.toString(), "--epochs", "1", "--no-progress", "--out", out.toString());
        assertEquals("1", bad[0], bad[1] + bad[2]);
        assertTrue(bad[2].contains("bad.csv"), bad[2]);
        assertTrue(!Files.exists(parent), "the failed start left " + parent);
        String[] cmp = run("compare", "--dataset", "vowels", "--data", csv.toString(), "--epochs", "1", "--no-progress",
                "--out", out.toString());
        assertEquals("1", cmp[0], cmp[1] + cmp[2]);
        assertTrue(!Files.exists(parent), "the failed compare left " + parent);
        String[] good = run("train", "--dataset", "vowels", "--preset", "none", "--epochs", "1", "--no-progress", "--out", out.toString());
        assertEquals("0", good[0], good[1] + good[2]);
    }

    /** A scaling fitted on the training part (the vowels' min-max) is refitted on that part, as the run had it. */
    @Test
    void evalOfAVowelRunReproducesItsTestAccuracy() {
        Path out = dir.resolve("vowel-run");
        String[] t = run("train", "--dataset", "vowels", "--preset", "none", "--epochs", "20", "--no-progress", "--out", out.toString());
        assertEquals("0", t[0], t[1] + t[2]);
        String[] e = run("eval", out.toString());
        assertEquals("0", e[0], e[1] + e[2]);
        assertEquals(accuracy(t[1].substring(t[1].indexOf("test accuracy"))), accuracy(e[1]), 1e-9, t[1] + "\n" + e[1]);
    }

    @Test
    void evalRemeasuresASavedRunOnOtherHardware() {
        Path out = dir.resolve("toy-run");
        String[] t = run("train", "--dataset", "quadrants", "--epochs", "2", "--lr", "0.01", "--batch", "16", "--validation", "100",
                "--test-samples", "100", "--backend", "simd", "--no-progress", "--out", out.toString());
        assertEquals("0", t[0], t[1] + t[2]);
        String[] e = run("eval", out.toString(), "--preset", "none");
        assertEquals("0", e[0], e[1] + e[2]);
        assertTrue(e[1].contains("preset none") && e[1].contains("100 test samples") && e[1].matches("(?s).*\\(epoch [12]\\).*"), e[1]);
        String[] last = run("eval", out.toString(), "--checkpoint", "last");
        assertEquals("0", last[0], last[1] + last[2]);
        String[] bad = run("eval", out.toString(), "--checkpoint", "newest");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("--checkpoint 'newest' is not one of [best, last]"), bad[2]);
        // heavy actuation noise and a coarse ADC on the same hardware: a robustness test
        String[] noisy = run("eval", out.toString(), "--hardware", "actuationNoise=0.5,adcBits=3");
        assertEquals("0", noisy[0], noisy[1] + noisy[2]);
        assertTrue(noisy[1].contains("actuationNoise=0.5") && noisy[1].contains("adcBits=3"), noisy[1]);
        assertTrue(accuracy(noisy[1]) < accuracy(last[1]) - 10, "noise lowers the accuracy: " + noisy[1] + " vs " + last[1]);
        String[] sweep = run("eval", out.toString(), "--sweep", "actuationNoise=0,0.5");
        assertEquals("0", sweep[0], sweep[1] + sweep[2]);
        String[] rows = sweep[1].lines().filter(l -> l.startsWith("| 0")).toArray(String[]::new);
        assertEquals(2, rows.length, sweep[1]);
        assertTrue(rows[0].startsWith("| 0 |") && rows[1].startsWith("| 0.5 |"), sweep[1]);
        String[] badSweep = run("eval", out.toString(), "--sweep", "actuationNoise=0,lots");
        assertEquals("2", badSweep[0]);
        assertTrue(badSweep[2].contains("'lots' is not a number"), badSweep[2]);
        String[] badKnob = run("eval", out.toString(), "--hardware", "noise=0.5");
        assertEquals("1", badKnob[0]);
        assertTrue(badKnob[2].contains("unknown hardware knob 'noise'"), badKnob[2]);
        String[] missing = run("eval", dir.resolve("nothing").toString());
        assertEquals("1", missing[0]);
        assertTrue(missing[2].contains("config.json"), missing[2]);
        // best asked, best.bin gone: an error, never the last epoch in its place
        try {
            Files.delete(out.resolve("best.bin"));
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        String[] noBest = run("eval", out.toString());
        assertEquals("2", noBest[0], noBest[1] + noBest[2]);
        assertTrue(noBest[2].contains("has no best.bin") && noBest[2].contains("validation split of 100 samples")
                && noBest[2].contains("--checkpoint last"), noBest[2]);
        assertEquals("0", run("eval", out.toString(), "--checkpoint", "last")[0]);
    }

    /** Without a validation split the reported epoch is the last: eval's default takes checkpoint.bin. */
    @Test
    void evalOfARunWithoutValidationTakesItsLastEpoch() {
        Path out = dir.resolve("no-val");
        String[] t = run("train", "--dataset", "circle", "--epochs", "1", "--validation", "0", "--test-samples", "50",
                "--no-progress", "--out", out.toString());
        assertEquals("0", t[0], t[1] + t[2]);
        assertTrue(!Files.exists(out.resolve("best.bin")));
        String[] e = run("eval", out.toString());
        assertEquals("0", e[0], e[1] + e[2]);
        assertTrue(e[1].contains("(epoch 1)"), e[1]);
    }

    @Test
    void theDeviceBoxOptionsGoIntoTheConfigurationAndBadOnesAreRefused() throws IOException {
        Path out = dir.resolve("box");
        String[] t = run("train", "--dataset", "circle", "--epochs", "1", "--test-samples", "50", "--train-samples", "64",
                "--device-box", "clamp", "--device-box-weight", "2", "--device-box-sharpness", "10", "--no-progress", "--out", out.toString());
        assertEquals("0", t[0], t[1] + t[2]);
        String config = Files.readString(out.resolve("config.json"));
        assertTrue(config.contains("\"deviceBox\" : \"clamp\",\n  \"deviceBoxWeight\" : 2.0,\n  \"deviceBoxSharpness\" : 10.0"), config);
        assertTrue(config.contains("\"validation\" : 500"), "the toy task's own validation split: " + config);
        String[] bad = run("train", "--dataset", "circle", "--epochs", "1", "--device-box", "soft", "--no-progress",
                "--out", dir.resolve("bad").toString());
        assertEquals("1", bad[0]);
        assertTrue(bad[2].contains("deviceBox 'soft' is not one of [penalty, clamp]"), bad[2]);
    }

    /**
     * {@code --system shg --dataset circle} with nothing else: the toy SHG network, the lab gap, the
     * toy task's validation split and learning rate; then eval on the apparatus with SHG knobs changed.
     */
    @Test
    void shgTrainsTheToyNetworkByDefaultAndEvalChangesItsKnobs() throws IOException {
        Path out = dir.resolve("shg");
        String[] t = run("train", "--system", "shg", "--dataset", "circle", "--test-samples", "400", "--no-progress",
                "--out", out.toString());
        assertEquals("0", t[0], t[1] + t[2]);
        String config = Files.readString(out.resolve("config.json"));
        assertTrue(config.contains("\"architecture\" : \"toy-shg\",\n  \"depth\" : 0,\n  \"system\" : \"shg\""), config);
        assertTrue(config.contains("\"preset\" : \"lab-gap\"") && config.contains("\"validation\" : 500")
                && config.contains("\"learningRate\" : 0.03") && config.contains("\"epochs\" : 30"), config);
        double trained = accuracy(t[1]);
        assertTrue(trained >= 85, "the SHG quick demo's accuracy on the apparatus: " + t[1]);
        String[] e = run("eval", out.toString());
        assertEquals("0", e[0], e[1] + e[2]);
        assertTrue(e[1].contains("toy-shg hardware (preset lab-gap)") && e[1].contains("400 test samples"), e[1]);
        String[] noisy = run("eval", out.toString(), "--hardware", "readoutNoise=1000");
        assertEquals("0", noisy[0], noisy[1] + noisy[2]);
        assertTrue(noisy[1].contains("readoutNoise=1000"), noisy[1]);
        assertTrue(accuracy(noisy[1]) < accuracy(e[1]) - 10, "readout noise lowers the accuracy: " + noisy[1] + " vs " + e[1]);
        String[] none = run("eval", out.toString(), "--preset", "none");
        assertEquals("0", none[0], none[1] + none[2]);
        String[] badKnob = run("eval", out.toString(), "--hardware", "couplingError=0.5");
        assertEquals("1", badKnob[0]);
        assertTrue(badKnob[2].contains("unknown hardware knob 'couplingError': expected one of "
                + org.patengine.sim.shg.ShgNonidealities.KNOBS), badKnob[2]);
        String[] badPreset = run("eval", out.toString(), "--preset", "paper-gap");
        assertEquals("1", badPreset[0]);
        assertTrue(badPreset[2].contains("preset 'paper-gap' is not one of [none, lab-gap]"), badPreset[2]);
    }

    /** pat gap on both systems: no gap without non-idealities, a measurable one under the gap presets. */
    @Test
    void gapMeasuresTheTwinAgainstTheHardware() {
        String[] none = run("gap", "--system", "shg", "--preset", "none", "--inputs", "10", "--outputs", "6", "--samples", "32");
        assertEquals("0", none[0], none[1] + none[2]);
        assertTrue(none[1].contains("shg, preset none, one layer 10 -> 6"), none[1]);
        double[] g = gapFigures(none[1]);
        assertEquals(0, g[0], 1e-4, none[1]);
        assertEquals(0, g[1], 1e-4, none[1]);
        assertEquals(1, g[2], 1e-4, none[1]);
        String[] lab = run("gap", "--system", "shg", "--preset", "lab-gap", "--inputs", "10", "--outputs", "6", "--samples", "32");
        assertEquals("0", lab[0], lab[1] + lab[2]);
        double[] l = gapFigures(lab[1]);
        assertTrue(l[0] > 1e-3 && l[1] > 1e-3, "lab-gap: the twin's outputs differ: " + lab[1]);
        assertTrue(l[2] < 0.99999 && l[2] > 0, "lab-gap: the VJPs differ but point the same way: " + lab[1]);
        String[] again = run("gap", "--system", "shg", "--preset", "lab-gap", "--inputs", "10", "--outputs", "6", "--samples", "32");
        assertEquals(lab[1], again[1], "seeded: the same figures");
        String[] knob = run("gap", "--system", "shg", "--preset", "none", "--hardware", "readoutNoise=0.5", "--inputs", "10",
                "--samples", "32");
        assertEquals("0", knob[0], knob[1] + knob[2]);
        double[] k = gapFigures(knob[1]);
        assertTrue(k[0] > 0 && k[1] < 1e-4, "readout noise only: the deterministic part is the twin: " + knob[1]);
        String[] osc = run("gap", "--system", "oscillators", "--inputs", "8", "--samples", "32");
        assertEquals("0", osc[0], osc[1] + osc[2]);
        assertTrue(osc[1].contains("oscillators, preset paper-gap, one layer 8 -> 8") && osc[1].contains("x ~ U(-1, 1)"), osc[1]);
        double[] o = gapFigures(osc[1]);
        assertTrue(o[1] > 1e-3 && o[2] < 0.99999, osc[1]);
        String[] oscNone = run("gap", "--system", "oscillators", "--preset", "none", "--inputs", "8", "--samples", "32");
        assertEquals(0, gapFigures(oscNone[1])[1], 1e-6, oscNone[1]);
        String[] shape = run("gap", "--system", "oscillators", "--inputs", "8", "--outputs", "4");
        assertEquals("1", shape[0]);
        assertTrue(shape[2].contains("inputs = outputs"), shape[2]);
        String[] badPreset = run("gap", "--system", "shg", "--preset", "paper-gap");
        assertEquals("1", badPreset[0]);
        assertTrue(badPreset[2].contains("preset 'paper-gap' is not one of [none, lab-gap]"), badPreset[2]);
        String[] badSamples = run("gap", "--samples", "0");
        assertEquals("2", badSamples[0]);
        assertTrue(badSamples[2].contains("--samples must be >= 1, was 0"), badSamples[2]);
    }

    /** [relative L2 noisy, relative L2 deterministic, VJP cosine] of a pat gap report. */
    private static double[] gapFigures(String text) {
        java.util.regex.Matcher l2 = java.util.regex.Pattern.compile("relative L2 ([0-9.]+) \\(noise included\\), ([0-9.]+)").matcher(text);
        java.util.regex.Matcher cos = java.util.regex.Pattern.compile("cosine (-?[0-9.]+) \\(x and theta\\)").matcher(text);
        assertTrue(l2.find() && cos.find(), text);
        return new double[] {Double.parseDouble(l2.group(1)), Double.parseDouble(l2.group(2)), Double.parseDouble(cos.group(1))};
    }
}
