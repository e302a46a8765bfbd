package org.patengine.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patengine.engine.GradientChecks.assertClose;
import static org.patengine.engine.GradientChecks.centralDifferences;
import static org.patengine.engine.GradientChecks.cosine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.data.ToyTasks;
import org.patengine.engine.grad.BatchLoss;
import org.patengine.engine.layer.DeviceBox;
import org.patengine.engine.layer.DeviceInputBox;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.layer.Layer;
import org.patengine.engine.loss.SoftmaxCrossEntropy;
import org.patengine.engine.network.Network;
import org.patengine.engine.train.Trainer;
import org.patengine.engine.train.TrainingMode;
import org.patengine.kernels.Backends;

/** The trainer on the SHG apparatus and its analytic twin, through the catalog's toy-shg network. */
class ShgNetworkTest {
    @TempDir
    Path dir;

    private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());
    static final int BATCH = 6;

    static ArrayDataset batch() {
        return ToyTasks.generate("circle", BATCH, 11);
    }

    static float[] gradient(Network net, TrainingMode mode, ArrayDataset d) {
        Trainer t = Trainer.builder(net).mode(mode).batchSize(BATCH).seed(2).build();
        t.computeGradient(BATCH, d.inputs(), d.labels(), null);
        return net.parameters().gradients().clone();
    }

    /**
     * Without the gap the apparatus is its twin: pat, ideal and in-silico gradients coincide, and
     * equal double-precision central differences of the training loss (cross-entropy plus the
     * device boxes' penalty) through both SHG layers, the boxes, the encoder and the gains.
     */
    @Test
    void withoutTheGapEveryBackpropModeIsTheExactGradientOfTheTrainingLoss() {
        ArrayDataset d = batch();
        // a sharp encoder, so that some encodings leave the box and the penalty takes part
        Network net = Architectures.build("toy-shg", 2, "none", Map.of(), DeviceBox.of("penalty", 2, 30), 3, Backends.get());
        float[] w = net.parameters().values();
        for (int i = 0; i < 2 * Architectures.TOY_SHG_CHANNELS; i++) {
            w[i] *= 3; // the encoder's weights: the first segment
        }
        float[] pat = gradient(net, TrainingMode.PAT, d);
        assertClose("ideal = pat", gradient(net, TrainingMode.IDEAL, d), 0, toDouble(pat), 1e-6);
        assertClose("insilico = pat", gradient(net, TrainingMode.INSILICO, d), 0, toDouble(pat), 1e-6);

        net.forward(ForwardPass.MODEL, BATCH, d.inputs());
        assertTrue(net.penalty() > 1e-3, "encodings outside the box: penalty " + net.penalty());
        BatchLoss loss = new BatchLoss(net, ForwardPass.MODEL, new SoftmaxCrossEntropy());
        loss.set(BATCH, d.inputs(), d.labels(), null);
        double[] numeric = centralDifferences(net.parameters().values(), 0, net.parameters().size(), 1e-3f, loss::loss);
        assertClose("toy-shg dθ", pat, 0, numeric, 1e-2);
    }

    /** Under lab-gap the PAT gradient differs from the in-silico one and is closer to the exact one. */
    @Test
    void underTheLabGapPatIsCloserToTheExactGradientThanInSilico() {
        ArrayDataset d = ToyTasks.generate("circle", BATCH, 12);
        float[] exact = gradient(Architectures.build("toy-shg", 2, "lab-gap", 4, Backends.get()), TrainingMode.IDEAL, d);
        float[] pat = gradient(Architectures.build("toy-shg", 2, "lab-gap", 4, Backends.get()), TrainingMode.PAT, d);
        float[] insilico = gradient(Architectures.build("toy-shg", 2, "lab-gap", 4, Backends.get()), TrainingMode.INSILICO, d);
        double cPat = cosine(pat, exact, exact.length);
        double cIn = cosine(insilico, exact, exact.length);
        assertTrue(cosine(pat, insilico, exact.length) < 0.9999, "the gap changes the gradient");
        assertTrue(cPat > cIn, "cos(PAT, exact) " + cPat + " should exceed cos(in-silico, exact) " + cIn);
    }

    /** Every mode trains the toy-shg network on the apparatus; the applied modulation stays in [0, 1] throughout. */
    @ParameterizedTest
    @EnumSource(TrainingMode.class)
    void everyModeRunsOnATinyShgNetwork(TrainingMode mode) {
        ArrayDataset data = ToyTasks.generate("circle", 64, 5);
        Network net = Architectures.build("toy-shg", 2, "lab-gap", 7, Backends.get());
        Trainer t = Trainer.builder(net).mode(mode).batchSize(16).learningRate(0.01f).seed(3).spsa(1e-2f, 1).build();
        double before = t.evaluate(data).physicalLoss();
        for (int e = 0; e < 2; e++) {
            assertTrue(Double.isFinite(t.trainEpoch(data).meanLoss()), mode.id());
        }
        assertEquals(8, t.steps());
        double after = t.evaluate(data).physicalLoss();
        assertTrue(Double.isFinite(after), mode.id());
        float[] p = net.parameters().values();
        for (int i = 0; i < p.length; i++) {
            assertTrue(p[i] >= net.parameters().lower(i) && p[i] <= net.parameters().upper(i), net.parameters().describe(i));
        }
        if (mode == TrainingMode.PAT) {
            assertTrue(after < before, "pat lowers the loss on the apparatus: " + before + " -> " + after);
        }
    }

    /** A small run on circle through the runner: metrics, checkpoints, best.bin, summary, plots. */
    @Test
    void aSmallRunOnCircleWritesItsRunFolder() throws IOException {
        ExperimentConfig.Builder b = ExperimentConfig.defaults().toBuilder();
        b.dataset = "circle";
        b.augmentation = "none";
        b.architecture = "toy-shg";
        b.system = "shg";
        b.preset = "lab-gap";
        b.epochs = 8;
        b.learningRate = 0.03;
        b.validation = 300;
        b.testSamples = 500;
        b.seed = 2;
        b.backend = "scalar";
        ExperimentConfig c = b.build().validate();
        Path run = dir.resolve("run");
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        RunSummary s = new ExperimentRunner(new PrintStream(log, true), false).run(c, run);
        assertEquals(8, s.epochs());
        for (String f : List.of("config.json", "metrics.jsonl", "metrics.csv", "checkpoint.bin", "best.bin", "summary.json",
                "curves.png", "loss.png", "confusion.png")) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        assertEquals(8, Files.readAllLines(run.resolve("metrics.jsonl")).size());
        String text = log.toString();
        assertTrue(text.contains("circle, toy-shg, mode pat, preset lab-gap"), text);
        assertTrue(text.contains("epoch 8/8"), text);
        assertTrue(s.testPhysicalAcc() > 0.7, "8 epochs learn the circle: " + s.testPhysicalAcc());
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"system\" : \"shg\"") && config.contains("\"deviceBox\" : \"penalty\""), config);
        // resuming a finished run's folder reads it back
        assertEquals(s.testPhysicalAcc(), new ExperimentRunner(QUIET, false).runOrContinue(c, run).testPhysicalAcc());
    }

    /** Every device box of the network sits right before an SHG layer, with the configured settings. */
    @Test
    void theRunnersNetworkHasTheConfiguredBox() throws IOException {
        ExperimentConfig.Builder b = ExperimentConfig.defaults().toBuilder();
        b.dataset = "circle";
        b.augmentation = "none";
        b.architecture = "toy-shg";
        b.system = "shg";
        b.preset = "none";
        b.deviceBox = "clamp";
        b.validation = 100;
        b.testSamples = 100;
        ExperimentConfig c = b.build().validate();
        ExperimentRunner.Setup s = ExperimentRunner.setup(c);
        List<Layer> layers = s.network().layers();
        int boxes = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof DeviceInputBox box) {
                boxes++;
                assertEquals(DeviceBox.Mode.CLAMP, box.box().mode());
                assertTrue(layers.get(i + 1).isPhysical(), layers.toString());
            }
        }
        assertEquals(2, boxes);
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
