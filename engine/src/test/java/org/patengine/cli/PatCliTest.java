package org.patengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class PatCliTest {

    /** Runs the command line; returns {exit code, stdout, stderr}. */
    private static String[] run(String... args) {
        return CliRuns.run(args);
    }

    @Test
    void versionNamesTheProjectAndJava() {
        String[] r = run("--version");
        assertEquals("0", r[0]);
        assertTrue(r[1].startsWith("pat-engine "), r[1]);
        assertTrue(r[1].contains("Java 25") || r[1].contains("Java 2"), r[1]);
    }

    /** A parse error names the option as it was typed (--lr), not its longest alias (--learning-rate). */
    @Test
    void aParseErrorNamesTheOptionAsTyped() {
        String[] missing = run("train", "--dataset", "circle", "--lr");
        assertEquals("2", missing[0]);
        assertTrue(missing[2].startsWith("Missing required parameter for option '--lr'"), missing[2]);
        String[] bad = run("train", "--dataset", "circle", "--lr=fast");
        assertTrue(bad[2].startsWith("Invalid value for option '--lr': 'fast' is not a double"), bad[2]);
        String[] longName = run("train", "--dataset", "circle", "--learning-rate", "fast");
        assertTrue(longName[2].startsWith("Invalid value for option '--learning-rate'"), longName[2]);
    }

    /** A file-system error says what is wrong with the path, not just the path (it was "pat train: /tmp/x"). */
    @Test
    void aFileErrorSaysWhatIsWrongWithThePath(@TempDir Path dir) throws java.io.IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        String[] r = run("train", "--dataset", "circle", "--epochs", "1", "--no-progress", "--out", file.resolve("run").toString());
        assertEquals("1", r[0], r[1] + r[2]);
        assertTrue(r[2].matches("(?s)pat train: " + java.util.regex.Pattern.quote(file.resolve("run").toString()) + ": \\S.*"), r[2]);
        assertEquals(file + ": not a folder",
                ErrorMessages.of(new java.nio.file.NotDirectoryException(file.toString())));
        assertEquals("x: permission denied", ErrorMessages.of(new java.nio.file.AccessDeniedException("x")));
        assertEquals("x: no such file or folder", ErrorMessages.of(new java.nio.file.NoSuchFileException("x")));
        assertEquals("x -> y: exists already (and is in the way)",
                ErrorMessages.of(new java.nio.file.FileAlreadyExistsException("x", "y", null)));
    }

    @Test
    void helpListsTheCommands() {
        String[] r = run("--help");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("backends") && r[1].contains("selfcheck"), r[1]);
    }

    @Test
    void trainCompareAndEvalShareTheSystemHardwareAndBackendOptions() {
        for (String command : new String[] {"train", "compare", "eval"}) {
            String[] r = run(command, "--help");
            assertEquals("0", r[0], r[2]);
            for (String option : new String[] {"--system", "--preset", "--hardware", "--seed", "--test-samples", "--backend"}) {
                assertTrue(r[1].contains(option + "="), command + " lacks " + option + ":\n" + r[1]);
            }
        }
    }

    @Test
    void theHelpListsTheCatalogsEntries() {
        String help = run("train", "--help")[1].replaceAll("\\s+", " ");
        for (String knob : org.patengine.sim.osc.Nonidealities.KNOBS) {
            assertTrue(help.contains(knob), "--hardware help lists the system's knob " + knob + ": " + help);
        }
        assertTrue(help.contains("shg: " + String.join(", ", org.patengine.sim.shg.ShgNonidealities.KNOBS) + "; digital: none."),
                "--hardware help lists the SHG knobs: " + help);
        assertTrue(help.contains("Non-idealities of the physical system: oscillators: none or paper-gap; shg: none or lab-gap; digital: none."), help);
        assertTrue(help.contains("toy-shg (") && help.contains("the default of circle, stripe and quadrants with --system shg)"), help);
        for (String name : org.patengine.engine.experiment.DatasetCatalog.names()) {
            assertTrue(help.contains(name), help);
        }
        assertTrue(help.contains("mnist-oscillators (14x14 MNIST network; mnist's default)"), help);
        assertTrue(help.contains("(default: the architecture's): oscillators, shg or digital."), help);
        assertTrue(help.contains("shift ±5% down"), "a literal percent sign in a help text: " + help);
        String eval = run("eval", "--help")[1].replaceAll("\\s+", " ");
        assertTrue(eval.contains("Seed of the hardware's hidden mismatch and noise (default: the run's)"), eval);
        assertTrue(eval.contains("Evaluate on hardware with these non-idealities instead: oscillators: none or paper-gap; shg: none or lab-gap; digital: none."), eval);
        String gap = run("gap", "--help")[1].replaceAll("\\s+", " ");
        assertTrue(gap.contains("shg: " + String.join(", ", org.patengine.sim.shg.ShgNonidealities.KNOBS) + "; digital: none."), gap);
        assertTrue(gap.contains("(default: the system's reality gap, oscillators: paper-gap; shg: lab-gap; digital: none)"), gap);
        assertTrue(CatalogHelp.texts().keySet().containsAll(java.util.List.of("dataset", "architecture", "system", "preset",
                "hardware")), CatalogHelp.texts().toString());
    }

    @Test
    void anUnknownSystemIsRefusedNamingTheKnownOnes() {
        String[] r = run("train", "--dataset", "circle", "--system", "laser", "--epochs", "1", "--no-progress");
        assertEquals("1", r[0], r[1] + r[2]);
        assertTrue(r[2].contains("system 'laser' is not one of [oscillators, shg, digital]"), r[2]);
        // a system without an architecture for the dataset: the message names the system's
        String[] vowels = run("train", "--dataset", "vowels", "--system", "oscillators", "--epochs", "1", "--no-progress");
        assertEquals("1", vowels[0], vowels[1] + vowels[2]);
        assertTrue(vowels[2].contains("architecture vowels-shg is made of the system shg, not oscillators; architectures of oscillators: "
                + "[mnist-oscillators, fashion-patches, toy-oscillators, digits-oscillators]"), vowels[2]);
    }

    @Test
    void unknownShgPresetsAndKnobsAreRefusedNamingTheShgOnes() {
        String[] preset = run("train", "--dataset", "circle", "--system", "shg", "--preset", "paper-gap", "--epochs", "1", "--no-progress");
        assertEquals("1", preset[0], preset[1] + preset[2]);
        assertTrue(preset[2].contains("preset 'paper-gap' is not one of [none, lab-gap]"), preset[2]);
        String[] knob = run("train", "--dataset", "circle", "--system", "shg", "--hardware", "couplingError=0.1", "--epochs", "1",
                "--no-progress");
        assertEquals("1", knob[0], knob[1] + knob[2]);
        assertTrue(knob[2].contains("unknown hardware knob 'couplingError': expected one of " + org.patengine.sim.shg.ShgNonidealities.KNOBS),
                knob[2]);
    }

    @Test
    void backendsListsEveryBackendWithItsStatus() {
        String[] r = run("backends");
        assertEquals("0", r[0]);
        for (String b : new String[] {"scalar", "simd", "opencl"}) {
            assertTrue(r[1].lines().anyMatch(l -> l.startsWith(b + " ") && (l.contains("available"))), r[1]);
        }
        assertTrue(r[1].contains("auto    -> "), r[1]);
        assertTrue(r[1].lines().anyMatch(l -> l.startsWith("kernels oscillators: scalar, simd, opencl")), r[1]);
        assertTrue(r[1].lines().anyMatch(l -> l.startsWith("kernels shg: scalar")), r[1]);
    }

    @Test
    void unknownOptionIsAnErrorThatNamesIt() {
        String[] r = run("backends", "--frobnicate");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--frobnicate"), r[2]);
    }

    @Test
    void selfcheckPassesOnEveryAvailableBackend() {
        String[] r = run("selfcheck", "--size", "37");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("all available backends agree"), r[1]);
    }

    @Test
    void selfcheckRejectsABadSize() {
        String[] r = run("selfcheck", "--size", "0");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--size"), r[2]);
    }

    @Test
    void compareSweepsTheDepthAndRefusesABadOneBeforeRunningAnything(@TempDir Path dir) {
        Path out = dir.resolve("sweep");
        String[] r = run("compare", "--dataset", "vowels", "--preset", "none", "--modes", "pat,insilico", "--depths", "1,2",
                "--epochs", "2", "--no-progress", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        for (String run : new String[] {"pat-L1-s1", "pat-L2-s1", "insilico-L1-s1", "insilico-L2-s1"}) {
            assertTrue(Files.isRegularFile(out.resolve(run).resolve("summary.json")), run + " was not run");
        }
        assertTrue(Files.isRegularFile(out.resolve("depth.png")));
        assertTrue(r[1].contains("| mode | L = 1 | L = 2 |") && r[1].contains("| pat, L = 2 |"), r[1]);
        String[] bad = run("compare", "--dataset", "vowels", "--depths", "1,40", "--epochs", "2", "--no-progress",
                "--out", dir.resolve("bad").toString());
        assertEquals("1", bad[0], bad[2]);
        assertTrue(bad[2].contains("depth must be in [1, 32]"), bad[2]);
        assertTrue(!Files.exists(dir.resolve("bad").resolve("pat-L1-s1")), "L = 1 ran before L = 40 was refused");
        String[] fixed = run("compare", "--dataset", "vowels", "--architecture", "vowels-mlp", "--depths", "1", "--epochs", "1",
                "--no-progress", "--out", dir.resolve("fixed").toString());
        assertEquals("1", fixed[0], fixed[2]);
        assertTrue(fixed[2].contains("vowels-mlp has a fixed depth"), fixed[2]);
        String[] both = run("compare", "--dataset", "vowels", "--depth", "2", "--depths", "1,2", "--epochs", "1", "--no-progress",
                "--out", dir.resolve("both").toString());
        assertEquals("2", both[0], both[2]);
        assertTrue(both[2].contains("--depth and --depths both given"), both[2]);
        assertTrue(!Files.exists(dir.resolve("both")), "a refused compare left " + dir.resolve("both"));
    }

    /** A pat.* property with a bad value stops every command before it runs; --backend and -Dpat.backend are one rule. */
    @Test
    void badPropertiesAndAConflictingBackendAreRefused(@TempDir Path dir) {
        String old = System.getProperty("pat.threads");
        System.setProperty("pat.threads", "abc");
        try {
            for (String command : new String[] {"selfcheck", "backends", "train"}) {
                String[] r = run(command);
                assertEquals("2", r[0], command + ": " + r[1] + r[2]);
                assertTrue(r[2].contains("pat: -Dpat.threads='abc' is not valid: expected a whole number >= 1"), r[2]);
            }
        } finally {
            if (old == null) {
                System.clearProperty("pat.threads");
            } else {
                System.setProperty("pat.threads", old);
            }
        }
        String oldBackend = System.getProperty("pat.backend");
        System.setProperty("pat.backend", "scalar");
        try {
            Path out = dir.resolve("conflict");
            String[] r = run("train", "--dataset", "circle", "--epochs", "1", "--backend", "simd", "--no-progress", "--out", out.toString());
            assertEquals("1", r[0], r[1] + r[2]);
            assertTrue(r[2].contains("--backend simd and -Dpat.backend=scalar disagree"), r[2]);
            assertTrue(!Files.exists(out), "a refused run left " + out);
            Path ok = dir.resolve("by-property");
            String[] t = run("train", "--dataset", "circle", "--epochs", "1", "--train-samples", "64", "--test-samples", "50",
                    "--no-progress", "--out", ok.toString());
            assertEquals("0", t[0], t[1] + t[2]);
            assertTrue(Files.readString(ok.resolve("config.json")).contains("\"backend\" : \"scalar\""), "the property's backend is the run's");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (oldBackend == null) {
                System.clearProperty("pat.backend");
            } else {
                System.setProperty("pat.backend", oldBackend);
            }
        }
    }

    /** compare's --modes and --seeds replace train's --mode and --seed, which it refuses instead of ignoring. */
    @Test
    void compareRefusesTheSingleRunModeAndSeed(@TempDir Path dir) {
        String[] mode = run("compare", "--dataset", "circle", "--mode", "reservoir", "--out", dir.resolve("m").toString());
        assertEquals("2", mode[0], mode[2]);
        assertTrue(mode[2].contains("--mode reservoir is a single run's option: compare takes --modes"), mode[2]);
        String[] seed = run("compare", "--dataset", "circle", "--seed", "5", "--out", dir.resolve("s").toString());
        assertEquals("2", seed[0], seed[2]);
        assertTrue(seed[2].contains("--seed 5 is a single run's option: compare takes --seeds (e.g. --seeds 5)"), seed[2]);
        assertTrue(!Files.exists(dir.resolve("m")) && !Files.exists(dir.resolve("s")));
    }

    /** A mode, seed or depth listed twice would run twice and count twice in the table; depth 0 would be the default. */
    @Test
    void compareRefusesRepeatsAndDepthZero(@TempDir Path dir) {
        String[][] cases = {
            {"--modes", "pat,PAT", "--modes lists pat twice"},
            {"--seeds", "1,2,1", "--seeds lists 1 twice"},
            {"--depths", "1,1", "--depths lists 1 twice"},
            {"--depths", "0,1", "--depths 0: a network has at least 1 physical layer"},
        };
        for (String[] c : cases) {
            String[] r = run("compare", "--dataset", "vowels", c[0], c[1], "--out", dir.resolve("c").toString());
            assertEquals("2", r[0], r[1] + r[2]);
            assertTrue(r[2].contains(c[2]), r[2]);
        }
        String[] depth = run("train", "--dataset", "vowels", "--depth", "0", "--out", dir.resolve("t").toString());
        assertEquals("1", depth[0], depth[1] + depth[2]);
        assertTrue(depth[2].contains("--depth 0: a network has at least 1 physical layer"), depth[2]);
        String[] knob = run("train", "--dataset", "circle", "--hardware", "readoutNoise", "--out", dir.resolve("k").toString());
        assertTrue(knob[2].startsWith("Value for option '--hardware'"), knob[2]);
        assertTrue(!Files.exists(dir.resolve("c")) && !Files.exists(dir.resolve("t")) && !Files.exists(dir.resolve("k")));
    }

    /** Asking for more samples than there are was quietly the whole set. */
    @Test
    void moreSamplesThanThereAreAreRefused(@TempDir Path dir) {
        String[] train = run("train", "--dataset", "circle", "--train-samples", "3600", "--out", dir.resolve("a").toString());
        assertEquals("1", train[0], train[1] + train[2]);
        assertTrue(train[2].contains("trainSamples = 3600 but circle has 3500 training samples after the validation's 500"), train[2]);
        String[] test = run("train", "--dataset", "circle", "--test-samples", "2001", "--out", dir.resolve("b").toString());
        assertTrue(test[2].contains("testSamples = 2001 but circle has 2000 test samples: give at most 2000"), test[2]);
        assertTrue(!Files.exists(dir.resolve("a")) && !Files.exists(dir.resolve("b")));
    }

    /** The estimators' options go into config.json for their mode, and are refused for a mode that would ignore them. */
    @Test
    void estimatorOptionsTakeEffectOrAreRefused(@TempDir Path dir) throws java.io.IOException {
        Path fd = dir.resolve("fd");
        String[] r = run("train", "--dataset", "circle", "--mode", "fd", "--fd-scheme", "forward", "--fd-step", "0.01",
                "--epochs", "1", "--train-samples", "64", "--validation", "32", "--test-samples", "32", "--no-progress", "--out", fd.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        String config = Files.readString(fd.resolve("config.json"));
        assertTrue(config.contains("\"fdScheme\" : \"forward\"") && config.contains("\"fdStep\" : 0.01"), config);
        String metrics = Files.readString(fd.resolve("metrics.jsonl"));
        // 2 steps of 32 (forward differences: 1 forward at θ + 1 per estimated parameter, the readout exact)
        assertTrue(metrics.contains("\"physicalCalls\":") && !metrics.contains("\"physicalCalls\":0"), metrics);
        String[] pat = run("train", "--dataset", "circle", "--spsa-samples", "4", "--out", dir.resolve("p").toString());
        assertEquals("1", pat[0]);
        assertTrue(pat[2].contains("--spsa-samples 4 sets the spsa mode's estimator, but the mode is pat"), pat[2]);
        String[] bad = run("train", "--dataset", "circle", "--mode", "fd", "--fd-step", "2", "--out", dir.resolve("b").toString());
        assertTrue(bad[2].contains("fdStep must be in (0, 1)"), bad[2]);
        assertTrue(!Files.exists(dir.resolve("p")) && !Files.exists(dir.resolve("b")));
    }

    /**
     * Spall's gains resolve A into config.json (a tenth of the run's steps) and refuse an optimizer
     * they would ignore; --common-noise is fd's and spsa's, refused for other modes, and compare
     * gives it to its fd and spsa runs only.
     */
    @Test
    void spallGainsAndCommonNoiseTakeEffectOrAreRefused(@TempDir Path dir) throws java.io.IOException {
        Path spall = dir.resolve("spall");
        String[] r = run("train", "--dataset", "circle", "--mode", "spsa", "--spsa-gains", "spall", "--common-noise", "--epochs", "5",
                "--train-samples", "64", "--validation", "32", "--test-samples", "32", "--no-progress", "--out", spall.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        String config = Files.readString(spall.resolve("config.json"));
        assertTrue(config.contains("\"spsaGains\" : \"spall\"") && config.contains("\"spsaStability\" : 1")
                && config.contains("\"commonNoise\" : true"), config); // 5 epochs x 2 steps: A = 1
        String metrics = Files.readString(spall.resolve("metrics.jsonl"));
        // a_k = 0.03·(2/(k+2))^0.602 at the epochs' first steps k = 0, 2: 0.03, 0.0198
        assertTrue(metrics.contains("{\"epoch\":1,\"learningRate\":0.02999") && metrics.contains("{\"epoch\":2,\"learningRate\":0.0197"),
                metrics);
        String[] sgd = run("train", "--dataset", "circle", "--mode", "spsa", "--spsa-gains", "spall", "--optimizer", "sgd",
                "--out", dir.resolve("s").toString());
        assertEquals("1", sgd[0]);
        assertTrue(sgd[2].contains("optimizer sgd would be ignored; use spsaGains optimizer"), sgd[2]);
        String[] pat = run("train", "--dataset", "circle", "--common-noise", "--out", dir.resolve("p").toString());
        assertTrue(pat[2].contains("commonNoise is for the fd and spsa modes; the pat mode perturbs nothing"), pat[2]);
        String[] gains = run("train", "--dataset", "circle", "--mode", "fd", "--spsa-gains", "spall", "--out", dir.resolve("g").toString());
        assertTrue(gains[2].contains("--spsa-gains spall sets the spsa mode's estimator, but the mode is fd"), gains[2]);
        Path cmp = dir.resolve("cmp");
        String[] c = run("compare", "--dataset", "circle", "--modes", "pat,fd", "--common-noise", "--epochs", "1", "--train-samples", "32",
                "--validation", "32", "--test-samples", "32", "--no-progress", "--out", cmp.toString());
        assertEquals("0", c[0], c[1] + c[2]);
        assertTrue(Files.readString(cmp.resolve("fd-s1/config.json")).contains("\"commonNoise\" : true"));
        assertTrue(Files.readString(cmp.resolve("pat-s1/config.json")).contains("\"commonNoise\" : false"));
        assertTrue(!Files.exists(dir.resolve("s")) && !Files.exists(dir.resolve("p")) && !Files.exists(dir.resolve("g")));
    }

    /** --apparatus gives each epoch the time it would take on an apparatus of that speed, from the measured counts. */
    @Test
    void theApparatusTimeIsReportedFromTheCounts(@TempDir Path dir) throws java.io.IOException {
        Path run = dir.resolve("run");
        String[] r = run("train", "--dataset", "circle", "--epochs", "1", "--train-samples", "64", "--validation", "32",
                "--test-samples", "32", "--batch", "32", "--apparatus", "perSample=0.1,perUpdate=0.5", "--no-progress",
                "--out", run.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(Files.readString(run.resolve("config.json")).contains("\"apparatus\" : {\n    \"perSample\" : 0.1,\n    \"perUpdate\" : 0.5\n  }"),
                Files.readString(run.resolve("config.json")));
        // pat: 2 steps x 2 layers = 4 calls of 32 samples, each with new θ: 4·32·0.1 + 4·0.5 = 14.8 s
        String metrics = Files.readString(run.resolve("metrics.jsonl"));
        assertTrue(metrics.contains("\"physicalCalls\":4,\"physicalSamples\":128,\"physicalUpdates\":4,\"apparatusSeconds\":14.8"), metrics);
        String[] bad = run("train", "--dataset", "circle", "--apparatus", "speed=10", "--out", dir.resolve("b").toString());
        assertTrue(bad[2].contains("unknown apparatus key 'speed': expected one of [perCall, perSample, perUpdate, sleep]"), bad[2]);
    }
}
