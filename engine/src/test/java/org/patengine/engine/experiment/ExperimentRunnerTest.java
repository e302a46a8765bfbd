package org.patengine.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patengine.engine.train.Evaluation;

/** The runner's choice of the reported epoch, and carrying on with a run folder that already holds a run. */
class ExperimentRunnerTest {
    @TempDir
    Path dir;

    private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

    private static ExperimentConfig toy(int epochs) {
        ExperimentConfig.Builder b = ExperimentConfig.defaults().toBuilder();
        b.dataset = "quadrants";
        b.augmentation = "none";
        b.architecture = "toy-oscillators";
        b.epochs = epochs;
        b.batch = 16;
        b.learningRate = 0.01;
        b.validation = 200;
        b.testSamples = 200;
        b.seed = 3;
        b.backend = "simd";
        return b.build().validate();
    }

    private static EpochRecord epoch(int n, double valPhysicalAcc) {
        return new EpochRecord(n, 1e-3, 1, 0.5, 1, valPhysicalAcc, 1, 0.5, 0.5, 100, 1, 0, 0, 0, 0);
    }

    @Test
    void theFirstEpochWithTheBestValidationAccuracyOnThePhysicalSystemIsSelected() {
        List<EpochRecord> e = List.of(epoch(1, 0.5), epoch(2, 0.7), epoch(3, 0.7), epoch(4, 0.6));
        assertEquals(2, BestEpoch.of(e, true).epoch());
        assertEquals(4, BestEpoch.of(e, false).epoch(), "without validation the last epoch is reported");
        assertThrows(IllegalStateException.class, () -> BestEpoch.of(List.of(), true));
    }

    /** A run killed mid-write leaves a temporary file; the next start of that folder removes it. */
    @Test
    void aResumeRemovesTheTemporaryFilesOfAKilledWriter() throws Exception {
        Path run = dir.resolve("run");
        new ExperimentRunner(QUIET, false).run(toy(1), run);
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path orphan = Files.writeString(run.resolve(".checkpoint.bin." + p.pid() + ".1.5.tmp"), "half a checkpoint");
        new ExperimentRunner(QUIET, false).resume(run, 2);
        assertTrue(!Files.exists(orphan), "the orphaned temporary file is gone");
        assertEquals(2, RunFolder.readEpochs(run).size());
    }

    @Test
    void theTestSetIsMeasuredOnTheSelectedEpochsParameters() throws IOException {
        ExperimentConfig c = toy(4);
        Path run = dir.resolve("run");
        RunSummary s = new ExperimentRunner(QUIET, false).run(c, run);
        RunFolder folder = new RunFolder(run);
        folder.loadEpochs(4);
        EpochRecord expected = BestEpoch.of(folder.epochs(), true);
        assertEquals(expected.epoch(), s.selectedEpoch());
        assertEquals(expected.valPhysicalAcc(), s.selectedValPhysicalAcc());
        assertTrue(Files.exists(folder.best()), "best.bin written");

        // best.bin holds that epoch, and measuring the test set with it gives the summary's figures
        ExperimentRunner.Setup fresh = ExperimentRunner.setup(c);
        Checkpoints.read(folder.best(), fresh.trainer());
        assertEquals(expected.epoch(), fresh.trainer().epoch());
        Evaluation test = fresh.trainer().evaluate(fresh.test());
        assertEquals(s.testPhysicalAcc(), test.physicalAccuracy());
        assertEquals(s.testModelAcc(), test.modelAccuracy());
        // checkpoint.bin is still the last epoch, to resume from
        ExperimentRunner.Setup last = ExperimentRunner.setup(c);
        Checkpoints.read(folder.checkpoint(), last.trainer());
        assertEquals(4, last.trainer().epoch());
    }

    @Test
    void aFinishedRunIsReusedAnUnfinishedOneResumedAndAnotherConfigurationRefused() throws IOException {
        ExperimentConfig c = toy(2);
        Path run = dir.resolve("run");
        ExperimentRunner runner = new ExperimentRunner(QUIET, false);
        RunSummary first = runner.runOrContinue(c, run);
        byte[] checkpoint = Files.readAllBytes(run.resolve("checkpoint.bin"));
        var modified = Files.getLastModifiedTime(run.resolve("checkpoint.bin"));

        RunSummary again = runner.runOrContinue(c, run);
        assertEquals(first.testPhysicalAcc(), again.testPhysicalAcc());
        assertEquals(first.selectedEpoch(), again.selectedEpoch());
        assertArrayEquals(first.confusion(), again.confusion());
        assertEquals(modified, Files.getLastModifiedTime(run.resolve("checkpoint.bin")), "a finished run is not trained again");

        // no summary yet: the run is resumed from its checkpoint and reports the same test figures
        Files.delete(run.resolve("summary.json"));
        RunSummary resumed = runner.runOrContinue(c, run);
        assertEquals(first.testPhysicalAcc(), resumed.testPhysicalAcc());
        assertArrayEquals(checkpoint, Files.readAllBytes(run.resolve("checkpoint.bin")));

        IOException other = assertThrows(IOException.class, () -> runner.runOrContinue(toy(3), run));
        assertTrue(other.getMessage().contains("epochs: 2 vs 3"), other.getMessage());

        // a run folder written before configurations named their system is the same configuration
        Path config = run.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("  \"system\" : \"oscillators\",\n", ""));
        assertTrue(!Files.readString(config).contains("system"), "the old format");
        RunSummary old = runner.runOrContinue(c, run);
        assertEquals(first.testPhysicalAcc(), old.testPhysicalAcc());
        assertEquals(modified, Files.getLastModifiedTime(run.resolve("checkpoint.bin")), "the old run is reused, not trained again");
    }

    @Test
    void yamlExperimentFilesReadLikeJsonAndADatasetBringsItsOwnArchitecture() throws IOException {
        Path yaml = dir.resolve("e.yaml");
        Files.writeString(yaml, "dataset: fashion-mnist\nmode: insilico\nepochs: 2\nlearningRate: 0.01\nseed: 7\n");
        Path json = dir.resolve("e.json");
        Files.writeString(json, "{\"dataset\": \"fashion-mnist\", \"mode\": \"insilico\", \"epochs\": 2, \"learningRate\": 0.01, \"seed\": 7}");
        ExperimentConfig y = ExperimentConfig.read(yaml);
        assertEquals(ExperimentConfig.read(json), y);
        assertEquals("fashion-patches", y.architecture());
        assertEquals(0.01, y.learningRate());
        assertEquals(7, y.seed());

        Files.writeString(yaml, "dataset: mnist\nepocs: 2\n");
        IOException unknown = assertThrows(IOException.class, () -> ExperimentConfig.read(yaml));
        assertTrue(unknown.getMessage().contains("unknown field 'epocs'") && unknown.getMessage().contains("e.yaml"), unknown.getMessage());
        Files.writeString(yaml, "dataset: [mnist\n");
        IOException bad = assertThrows(IOException.class, () -> ExperimentConfig.read(yaml));
        assertTrue(bad.getMessage().contains("not valid YAML"), bad.getMessage());
        Files.writeString(json, "{\"dataset\": \"circle\",\n \"epochs\": 3");
        IOException cut = assertThrows(IOException.class, () -> ExperimentConfig.read(json));
        assertTrue(cut.getMessage().contains("e.json: not valid JSON at line 2, column 13: Unexpected end-of-input")
                && cut.getMessage().contains("(the object opened at line 1, column 1)") && !cut.getMessage().contains("REDACTED"),
                cut.getMessage());
        Files.writeString(yaml, "epochs: ten\n");
        IOException typed = assertThrows(IOException.class, () -> ExperimentConfig.read(yaml));
        assertTrue(typed.getMessage().contains("e.yaml"), typed.getMessage());
    }

    /** Nothing in an experiment file is coerced: each mistyped field is named with what it must be. */
    @Test
    void mistypedFieldsAreErrorsNamingTheFileTheFieldAndTheType() throws IOException {
        String[][] cases = {
                {"epochs: 1.7", "field 'epochs' must be a whole number (32-bit), was 1.7"},
                {"epochs: ten", "field 'epochs' must be a whole number (32-bit), was \"ten\""},
                {"epochs: \"3\"", "field 'epochs' must be a whole number (32-bit), was \"3\""},
                {"batch: 3000000000", "field 'batch' must be a whole number (32-bit), was 3000000000"},
                {"seed: 2.5", "field 'seed' must be a whole number, was 2.5"},
                {"learningRate: fast", "field 'learningRate' must be a number, was \"fast\""},
                {"dataset: 3", "field 'dataset' must be text, was 3"},
                {"hardware: {readoutNoise: lots}", "field 'hardware' must be an object of KNOB: number"},
                {"hardware: 0.1", "field 'hardware' must be an object of KNOB: number, was 0.1"},
                {"epochs: null", "field 'epochs' must be a value, was null"},
        };
        Path yaml = dir.resolve("typed.yaml");
        for (String[] c : cases) {
            Files.writeString(yaml, c[0] + "\n");
            IOException e = assertThrows(IOException.class, () -> ExperimentConfig.read(yaml), c[0]);
            assertTrue(e.getMessage().startsWith(yaml + ": ") && e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
        Files.writeString(yaml, "epochs: 3\nlearningRate: 1\nseed: 12\nhardware: {readoutNoise: 0.01}\n");
        ExperimentConfig ok = ExperimentConfig.read(yaml);
        assertEquals(3, ok.epochs());
        assertEquals(1.0, ok.learningRate());
        assertEquals(0.01, ok.hardware().get("readoutNoise"));
    }
}
