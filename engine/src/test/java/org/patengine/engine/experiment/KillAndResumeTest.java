package org.patengine.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL in the middle of an epoch and then resumed ends with
 * exactly the parameters (and every other piece of state) of an uninterrupted run with the same
 * seed and backend: on the oscillators under paper-gap, and on SHG under lab-gap with drift (its
 * noise generators and drifting hidden state, and the device boxes' penalty in the loss).
 */
class KillAndResumeTest {
    @TempDir
    Path dir;

    private static ExperimentConfig config(String system) {
        if (system.equals("shg")) {
            ExperimentConfig.Builder b = ExperimentConfig.defaults().toBuilder();
            b.dataset = "circle";
            b.augmentation = "none";
            b.architecture = "toy-shg";
            b.system = "shg";
            b.preset = "lab-gap";
            b.hardware.put("drift", 0.002); // a drifting apparatus: its hidden state must be restored too
            b.epochs = 40;                   // an epoch takes milliseconds: enough of them to kill the run in the middle
            b.batch = 4;
            b.learningRate = 0.01;
            b.validation = 200;
            b.testSamples = 200;
            b.seed = 5;
            b.backend = "simd";
            return b.build().validate();
        }
        ExperimentConfig.Builder b = ExperimentConfig.defaults().toBuilder();
        b.dataset = "quadrants";
        b.augmentation = "none";
        b.architecture = "toy-oscillators";
        b.preset = "paper-gap"; // noisy hardware: its generators must be restored too
        b.epochs = 5;
        b.batch = 8;
        b.learningRate = 0.01;
        b.validation = 200;
        b.testSamples = 200;
        b.seed = 5;
        b.backend = "simd";
        return b.build().validate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"oscillators", "shg"})
    void killedMidEpochAndResumedEqualsUninterrupted(String system) throws Exception {
        ExperimentConfig c = config(system);
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        Path straight = dir.resolve("straight");
        new ExperimentRunner(quiet, false).run(c, straight);

        Path killed = dir.resolve("killed");
        Path cfg = dir.resolve("experiment.json");
        Files.writeString(cfg, c.toJson());
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), "org.patengine.cli.PatCli",
                "train", "--config", cfg.toString(), "--out", killed.toString(), "--no-progress"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Path checkpoint = killed.resolve("checkpoint.bin");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // wait for the second epoch's checkpoint, then kill a little into the third epoch
        while (epochsIn(killed) < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(60);
        assertTrue(p.isAlive(), "the child finished before it could be killed: " + Files.readString(dir.resolve("child.log")));
        p.destroyForcibly(); // SIGKILL
        p.waitFor(30, TimeUnit.SECONDS);
        int done = epochsIn(killed);
        assertTrue(done >= 2 && done < c.epochs(), "killed after " + done + " epochs");
        assertTrue(Files.exists(checkpoint));

        RunSummary resumed = new ExperimentRunner(quiet, false).resume(killed);
        assertEquals(c.epochs(), resumed.epochs());
        assertArrayEquals(Files.readAllBytes(straight.resolve("checkpoint.bin")), Files.readAllBytes(checkpoint),
                "the resumed run's final state differs from the uninterrupted run's");
        List<String> a = Files.readAllLines(straight.resolve("metrics.jsonl"));
        List<String> b = Files.readAllLines(killed.resolve("metrics.jsonl"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            // identical but for the timing fields
            assertEquals(strip(a.get(i)), strip(b.get(i)), "epoch " + (i + 1));
        }
    }

    private static String strip(String jsonLine) {
        return jsonLine.replaceAll("\"(samplesPerSecond|epochSeconds)\":[^,}]*", "");
    }

    private static int epochsIn(Path run) throws IOException {
        Path m = run.resolve("metrics.jsonl");
        if (!Files.exists(m)) {
            return 0;
        }
        return (int) Files.readAllLines(m).stream().filter(l -> !l.isBlank()).count();
    }
}
