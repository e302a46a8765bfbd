package org.patengine.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.network.Network;
import org.patengine.engine.network.ParameterSet;
import org.patengine.engine.optim.Adam;
import org.patengine.engine.testsystems.TanhAffineMap;
import org.patengine.engine.testsystems.Fixtures;
import org.patengine.engine.testsystems.TanhAffineSystem;
import org.patengine.sim.Rng;
import org.patengine.sim.PhysicalSystem;

class TrainingModesTest {
    static final int IN = 6;
    static final int HIDDEN = 8;
    static final int CLASSES = 3;

    static ArrayDataset clusters(int n, long seed) {
        return Fixtures.clusters(n, seed);
    }

    static Network physicalNet(PhysicalSystem a, PhysicalSystem b, long seed) {
        return Fixtures.physicalNet(a, b, seed);
    }

    static Network gapNet(long seed) {
        return Fixtures.gapNet(seed);
    }

    @Test
    void afewDozenPatStepsReduceThePhysicalLoss() {
        ArrayDataset data = clusters(96, 1);
        Network net = gapNet(3);
        Trainer t = Trainer.builder(net).mode(TrainingMode.PAT).batchSize(32).learningRate(0.05f).seed(4).build();
        Evaluation before = t.evaluate(data);
        for (int e = 0; e < 12; e++) { // 36 steps
            t.trainEpoch(data);
        }
        Evaluation after = t.evaluate(data);
        assertEquals(36, t.steps());
        assertTrue(after.physicalLoss() < 0.6 * before.physicalLoss(),
                "physical loss " + before.physicalLoss() + " -> " + after.physicalLoss());
        assertTrue(after.physicalAccuracy() > before.physicalAccuracy());
        System.out.println("PAT, 36 steps: before " + before + "\n               after  " + after);
    }

    @Test
    void reservoirTrainsOnlyDigitalLayers() {
        ArrayDataset data = clusters(96, 2);
        Network net = Network.builder(IN).seed(5)
                .physical(TanhAffineSystem.withGap(IN, HIDDEN, 0.1f, 0.2f, 0.02f, 0f, 41),
                        TanhAffineMap.nominal(IN, HIDDEN), ParameterInit.uniform(-0.5f, 0.5f))
                .affine(CLASSES)
                .build();
        ParameterSet p = net.parameters();
        int physicalP = p.segmentLength(0);
        float[] physicalBefore = Arrays.copyOf(p.values(), physicalP);
        float[] digitalBefore = Arrays.copyOfRange(p.values(), physicalP, p.size());
        Trainer t = Trainer.builder(net).mode(TrainingMode.RESERVOIR).batchSize(16).learningRate(0.05f).build();
        assertTrue(t.trainable().frozen(0));
        assertFalse(t.trainable().frozen(1));
        double first = t.trainEpoch(data).meanLoss();
        double last = first;
        for (int e = 0; e < 5; e++) {
            last = t.trainEpoch(data).meanLoss();
        }
        assertArrayEquals(physicalBefore, Arrays.copyOf(p.values(), physicalP), "physical θ must stay fixed");
        assertFalse(Arrays.equals(digitalBefore, Arrays.copyOfRange(p.values(), physicalP, p.size())));
        assertTrue(last < first, "loss " + first + " -> " + last);
        // the frozen block's gradient is reported as zero
        for (int i = 0; i < physicalP; i++) {
            assertEquals(0f, p.gradients()[i]);
        }
    }

    @Test
    void reservoirNeedsDigitalParameters() {
        Network physicalOnly = Network.builder(IN)
                .physical(TanhAffineSystem.ideal(IN, HIDDEN), TanhAffineMap.nominal(IN, HIDDEN),
                        ParameterInit.uniform(-0.5f, 0.5f))
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Trainer.builder(physicalOnly).mode(TrainingMode.RESERVOIR).build());
        assertTrue(e.getMessage().contains("no digital parameters"), e.getMessage());
    }

    @Test
    void idealNeedsAnExactModel() {
        Network net = physicalNet(TanhAffineSystem.ideal(IN, HIDDEN), TanhAffineSystem.apparatus(HIDDEN, HIDDEN), 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Trainer.builder(net).mode(TrainingMode.IDEAL).build());
        assertTrue(e.getMessage().contains("exactModel()") && e.getMessage().contains("tanh-affine(8 -> 8)"),
                e.getMessage());
        // the other modes run without one
        Trainer.builder(net).mode(TrainingMode.PAT).build();
    }

    /** Every mode runs a step and lowers the loss of a fixed batch over a few steps. */
    @ParameterizedTest
    @EnumSource(value = TrainingMode.class, names = {"PAT", "INSILICO", "IDEAL", "FD", "SPSA"})
    void everyModeDescends(TrainingMode mode) {
        ArrayDataset data = clusters(16, 6);
        Network net = physicalNet(TanhAffineSystem.ideal(IN, HIDDEN), TanhAffineSystem.ideal(HIDDEN, HIDDEN), 7);
        Trainer t = Trainer.builder(net).mode(mode).batchSize(16).learningRate(0.02f).spsa(1e-2f, 20).seed(8).build();
        double first = t.trainEpoch(data).meanLoss();
        for (int e = 0; e < 10; e++) {
            t.trainEpoch(data);
        }
        double last = t.evaluate(data).physicalLoss();
        assertTrue(last < first, mode + ": loss " + first + " -> " + last);
    }

    @Test
    void deterministicForAGivenSeed() {
        ArrayDataset data = clusters(50, 3);
        float[][] finals = new float[3][];
        Evaluation[] evals = new Evaluation[3];
        long[] trainerSeeds = {11, 11, 12};
        for (int r = 0; r < 3; r++) {
            Network net = gapNet(13);
            Trainer t = Trainer.builder(net).batchSize(8).learningRate(0.01f).optimizer(new Adam())
                    .seed(trainerSeeds[r]).build();
            t.trainEpoch(data);
            t.trainEpoch(data);
            finals[r] = net.parameters().values().clone();
            evals[r] = t.evaluate(data);
        }
        assertArrayEquals(finals[0], finals[1]);
        assertEquals(evals[0], evals[1]);
        assertFalse(Arrays.equals(finals[0], finals[2]), "another seed must give another batch order");
    }

    @Test
    void evaluationAgreesWithoutAGapAndDisagreesWithOne() {
        ArrayDataset data = clusters(200, 4);
        Network same = physicalNet(TanhAffineSystem.ideal(IN, HIDDEN), TanhAffineSystem.ideal(HIDDEN, HIDDEN), 9);
        Evaluation e = Trainer.builder(same).batchSize(64).build().evaluate(data);
        assertEquals(200, e.samples());
        assertEquals(1.0, e.agreement());
        assertEquals(e.physicalAccuracy(), e.modelAccuracy());
        assertEquals(e.physicalLoss(), e.modelLoss());

        Network gap = physicalNet(TanhAffineSystem.withGap(IN, HIDDEN, 0.5f, 0.5f, 0.05f, 0.05f, 1),
                TanhAffineSystem.withGap(HIDDEN, HIDDEN, 0.5f, 0.5f, 0.05f, 0.05f, 2), 9);
        Evaluation g = Trainer.builder(gap).batchSize(64).build().evaluate(data);
        assertTrue(g.agreement() < 1.0, g.toString());
        assertTrue(g.physicalLoss() != g.modelLoss());
    }

    @Test
    void modeNamesParse() {
        for (TrainingMode m : TrainingMode.values()) {
            assertEquals(m, TrainingMode.parse(m.id()));
        }
        assertEquals(TrainingMode.INSILICO, TrainingMode.parse(" InSilico "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingMode.parse("pta"));
        assertTrue(e.getMessage().contains("pta") && e.getMessage().contains("reservoir"));
    }
}
