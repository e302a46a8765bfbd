package org.patengine.engine.grad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patengine.engine.GradientChecks;
import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.loss.SoftmaxCrossEntropy;
import org.patengine.engine.network.Network;
import org.patengine.engine.network.Trainable;
import org.patengine.engine.testsystems.Fixtures;
import org.patengine.engine.testsystems.TanhAffineSystem;
import org.patengine.sim.Rng;

/**
 * The three kinds of gradient source agree on a deterministic network (ideal systems, so the
 * exact VJP is the true gradient), leave θ as they found it, give frozen parameters zero
 * gradient and draw random numbers only where documented.
 */
class GradientSourcesTest {
    private static final int BATCH = 16;

    /** A deterministic network and a batch loss on its first 16 cluster samples. */
    static BatchLoss batchLoss(Network net) {
        ArrayDataset data = Fixtures.clusters(BATCH, 6);
        float[] x = new float[BATCH * Fixtures.IN];
        int[] labels = new int[BATCH];
        for (int b = 0; b < BATCH; b++) {
            data.input(b, x, b * Fixtures.IN);
            labels[b] = data.label(b);
        }
        net.allocate(BATCH);
        BatchLoss loss = new BatchLoss(net, ForwardPass.PHYSICAL, new SoftmaxCrossEntropy());
        loss.set(BATCH, x, labels, null);
        return loss;
    }

    private static Network idealNet() {
        return Fixtures.physicalNet(TanhAffineSystem.ideal(Fixtures.IN, Fixtures.HIDDEN),
                TanhAffineSystem.ideal(Fixtures.HIDDEN, Fixtures.HIDDEN), 7);
    }

    static float[] gradient(GradientSource source, BatchLoss loss, Trainable t, Rng rng) {
        float[] before = loss.network().parameters().values().clone();
        source.compute(loss, t, rng);
        assertArrayEquals(before, loss.network().parameters().values(), source.name() + " must restore θ bit for bit");
        return loss.network().parameters().gradients().clone();
    }

    @Test
    void finiteDifferencesAgreeWithBackprop() {
        Network net = idealNet();
        BatchLoss loss = batchLoss(net);
        Trainable all = Trainable.all(net.parameters());
        int p = net.parameters().size();
        float[] exact = gradient(new Backprop(net, BackwardPass.EXACT), loss, all, null);
        float[] fd = gradient(new FiniteDifferences(true, 1e-3f), loss, all, null);
        assertTrue(GradientChecks.cosine(exact, fd, p) > 0.999, "cosine " + GradientChecks.cosine(exact, fd, p));
        for (int i = 0; i < p; i++) {
            assertEquals(exact[i], fd[i], 2e-3 + 0.05 * Math.abs(exact[i]), net.parameters().describe(i));
        }
    }

    @Test
    void spsaPointsAlongTheGradientOnAverage() {
        Network net = idealNet();
        BatchLoss loss = batchLoss(net);
        Trainable all = Trainable.all(net.parameters());
        int p = net.parameters().size();
        float[] exact = gradient(new Backprop(net, BackwardPass.EXACT), loss, all, null);
        float[] spsa = gradient(new Spsa(1e-2f, 4000), loss, all, new Rng(3));
        double cos = GradientChecks.cosine(exact, spsa, p);
        assertTrue(cos > 0.9, "cosine " + cos); // ≈ 1/√(1 + P/samples) for P = 129
    }

    @Test
    void frozenParametersGetZeroGradientFromEverySource() {
        Network net = idealNet();
        BatchLoss loss = batchLoss(net);
        Trainable readoutOnly = Trainable.digitalOnly(net.parameters());
        int p = net.parameters().size();
        int readout = readoutOnly.from(0);
        assertEquals(1, readoutOnly.size());
        float[] exact = gradient(new Backprop(net, BackwardPass.EXACT), loss, Trainable.all(net.parameters()), null);
        GradientSource[] sources = {new Backprop(net, BackwardPass.EXACT), new Backprop(net, BackwardPass.MODEL),
                new FiniteDifferences(true, 1e-3f), new FiniteDifferences(false, 1e-3f), new Spsa(1e-2f, 3)};
        for (GradientSource s : sources) {
            java.util.Arrays.fill(net.parameters().gradients(), 5f); // stale values must not survive
            float[] g = gradient(s, loss, readoutOnly, new Rng(1));
            for (int i = 0; i < p; i++) {
                if (i != readout) {
                    assertEquals(0f, g[i], s.name() + ": " + net.parameters().describe(i));
                }
            }
            assertEquals(exact[readout], g[readout], 0.1 * Math.abs(exact[readout]) + 1e-3, s.name());
        }
    }

    @Test
    void spsaDrawsOneSignPerTrainableParameterPerSampleAndTheOthersDrawNothing() {
        Network net = idealNet();
        BatchLoss loss = batchLoss(net);
        Trainable readoutOnly = Trainable.digitalOnly(net.parameters());
        for (int samples : new int[] {1, 3}) {
            Rng used = new Rng(11);
            new Spsa(1e-2f, samples).compute(loss, readoutOnly, used);
            Rng expected = new Rng(11);
            for (int k = 0; k < samples * readoutOnly.size(); k++) {
                expected.nextSign();
            }
            assertEquals(expected.nextLong(), used.nextLong(), samples + " samples");
        }
        Rng untouched = new Rng(12);
        new FiniteDifferences(true, 1e-3f).compute(loss, readoutOnly, untouched);
        new Backprop(net, BackwardPass.MODEL).compute(loss, readoutOnly, untouched);
        assertEquals(new Rng(12).nextLong(), untouched.nextLong());
    }

    @Test
    void whatEachSourceReports() {
        Network net = idealNet();
        BatchLoss loss = batchLoss(net);
        Backprop bp = new Backprop(net, BackwardPass.MODEL);
        assertTrue(bp.leavesUnperturbedOutput());
        assertFalse(new FiniteDifferences(true, 1e-3f).leavesUnperturbedOutput());
        assertFalse(new Spsa(1e-2f, 1).leavesUnperturbedOutput());
        // backprop's loss is the batch loss at θ, and the output it leaves is that forward's
        double l = bp.compute(loss, net.allTrainable(), null);
        float[] y = net.output().clone();
        assertEquals(loss.loss(), l);
        assertArrayEquals(y, net.output());
        assertThrows(IllegalArgumentException.class, () -> new FiniteDifferences(true, 0f));
        assertThrows(IllegalArgumentException.class, () -> new Spsa(1e-2f, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Backprop(idealNet(), BackwardPass.MODEL).compute(loss, net.allTrainable(), null));
        BatchLoss unset = new BatchLoss(net, ForwardPass.PHYSICAL, new SoftmaxCrossEntropy());
        assertThrows(IllegalStateException.class, unset::loss);
    }
}
