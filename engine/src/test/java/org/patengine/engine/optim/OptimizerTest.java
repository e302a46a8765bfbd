package org.patengine.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.network.Network;
import org.patengine.engine.network.ParameterSet;
import org.patengine.engine.network.Trainable;
import org.patengine.engine.testsystems.PowerMap;

class OptimizerTest {
    /** Segment 0: a physical PowerMap layer (θ in [0.5, 2]); segment 1: a readout scalar. */
    private static ParameterSet params(float theta0, float theta1, float s) {
        Network net = Network.builder(2)
                .physical(new PowerMap(2f, 2), new PowerMap(2f, 2), ParameterInit.values(theta0, theta1))
                .readout(0, 2, s)
                .build();
        return net.parameters();
    }

    @Test
    void sgdMomentumFollowsItsRecurrence() {
        ParameterSet p = params(1f, 1f, 1f);
        SgdMomentum sgd = new SgdMomentum(0.5f);
        float[] g = p.gradients();
        g[0] = 0.2f;
        g[1] = -0.1f;
        g[2] = 1f;
        sgd.step(Trainable.all(p), 0.1f);     // u = g
        sgd.step(Trainable.all(p), 0.1f);     // u = 0.5 g + g = 1.5 g
        assertEquals(1f - 0.1f * (0.2f + 0.3f), p.values()[0], 1e-6f);
        assertEquals(1f + 0.1f * (0.1f + 0.15f), p.values()[1], 1e-6f);
        assertEquals(1f - 0.1f * 2.5f, p.values()[2], 1e-6f);
    }

    @Test
    void adamFirstStepMovesByTheLearningRate() {
        ParameterSet p = params(1f, 1f, 1f);
        float[] g = p.gradients();
        g[0] = 0.3f;
        g[1] = -2f;
        g[2] = 1e-3f;
        new Adam().step(Trainable.all(p), 0.01f); // m̂ = g, v̂ = g²: the step is lr·sign(g)
        assertEquals(0.99f, p.values()[0], 1e-6f);
        assertEquals(1.01f, p.values()[1], 1e-6f);
        assertEquals(0.99f, p.values()[2], 1e-5f);
    }

    @Test
    void adamMatchesADoubleReferenceOverSteps() {
        ParameterSet p = params(1f, 1f, 1f);
        Adam adam = new Adam(0.8f, 0.9f, 1e-6f);
        Trainable all = Trainable.all(p);
        double m = 0;
        double v = 0;
        double theta = 1;
        for (int t = 1; t <= 20; t++) {
            float grad = (float) Math.sin(t);
            p.gradients()[2] = grad;
            adam.step(all, 0.05f);
            m = 0.8 * m + 0.2 * grad;
            v = 0.9 * v + 0.1 * grad * grad;
            theta -= 0.05 * (m / (1 - Math.pow(0.8, t))) / (Math.sqrt(v / (1 - Math.pow(0.9, t))) + 1e-6);
        }
        assertEquals(theta, p.values()[2], 1e-5);
    }

    /** Updates past a limit are clamped to it by the projection after the update (the documented range policy). */
    @Test
    void parametersAreClampedIntoTheirRange() {
        ParameterSet p = params(1.95f, 0.55f, 1f);
        float[] g = p.gradients();
        g[0] = -1f;   // pushes θ0 up past 2
        g[1] = 1f;    // pushes θ1 down past 0.5
        g[2] = 100f;  // the readout has no range
        Trainable all = Trainable.all(p);
        new SgdMomentum(0f).step(all, 0.1f);
        assertEquals(1.95f + 0.1f, p.values()[0], 1e-6f, "the optimizer alone does not clamp");
        BoxProjection.project(all);
        assertEquals(2f, p.values()[0]);
        assertEquals(0.5f, p.values()[1]);
        assertEquals(1f - 10f, p.values()[2], 1e-6f);
    }

    @Test
    void frozenSegmentsAreUntouched() throws java.io.IOException {
        ParameterSet p = params(1f, 1f, 1f);
        java.util.Arrays.fill(p.gradients(), 1f);
        Trainable digital = Trainable.of(p, s -> s != 0);
        Adam adam = new Adam();
        adam.step(digital, 0.1f);
        BoxProjection.project(digital);
        assertEquals(1f, p.values()[0]);
        assertEquals(1f, p.values()[1]);
        assertTrue(p.values()[2] < 1f);
        // and so are their moments: t, then m and v as (length, values)
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        adam.saveState(new java.io.DataOutputStream(bytes));
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(1, in.readInt());
        for (int moment = 0; moment < 2; moment++) {
            assertEquals(3, in.readInt());
            assertEquals(0f, in.readFloat());
            assertEquals(0f, in.readFloat());
            assertTrue(in.readFloat() > 0f);
        }
    }

    /**
     * The projection after the whole update gives the same floats as clamping each value right
     * after its update (what the optimizers did before the projection was one step).
     */
    @Test
    void projectingAfterTheUpdateEqualsClampingInsideIt() {
        org.patengine.sim.Rng rng = new org.patengine.sim.Rng(5);
        for (int trial = 0; trial < 200; trial++) {
            float t0 = rng.uniform(0.5f, 2f);
            float t1 = rng.uniform(0.5f, 2f);
            ParameterSet p = params(t0, t1, rng.uniform(-1, 1));
            for (int i = 0; i < 3; i++) {
                p.gradients()[i] = rng.uniform(-20, 20);
            }
            float[] expected = p.values().clone();
            float lr = rng.uniform(0, 0.2f);
            for (int i = 0; i < 3; i++) { // SGD without momentum, clamped in the loop
                float v = expected[i] - lr * p.gradients()[i];
                expected[i] = v < p.lower(i) ? p.lower(i) : v > p.upper(i) ? p.upper(i) : v;
            }
            Trainable all = Trainable.all(p);
            new SgdMomentum(0f).step(all, lr);
            BoxProjection.project(all);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, p.values());
        }
    }

    @Test
    void nonFiniteGradientsAreRefused() {
        ParameterSet p = params(1f, 1f, 1f);
        p.gradients()[1] = Float.NaN;
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> new Adam().step(Trainable.all(p), 0.1f));
        assertTrue(e.getMessage().contains("θ[1]") && e.getMessage().contains("physical"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SgdMomentum(0.9f).step(Trainable.all(p), Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SgdMomentum(1f));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9f, 1f, 1e-8f));
    }

    @Test
    void aRefusedStepLeavesEveryParameterAndTheStateAsTheyWere() {
        for (Optimizer o : new Optimizer[] {new Adam(), new SgdMomentum(0.9f)}) {
            ParameterSet p = params(1f, 1f, 1f);
            p.gradients()[0] = 0.5f;
            p.gradients()[1] = 0.25f;
            p.gradients()[2] = 0.125f;
            o.step(Trainable.all(p), 0.1f);
            float[] before = p.values().clone();
            p.gradients()[2] = Float.POSITIVE_INFINITY; // the last one: the others must not move either
            assertThrows(ArithmeticException.class, () -> o.step(Trainable.all(p), 0.1f), o.name());
            assertArrayEquals(before, p.values(), o.name() + ": θ after a refused step");
            // the state did not advance: the next good step is the one an untouched optimizer would take
            p.gradients()[2] = 0.125f;
            o.step(Trainable.all(p), 0.1f);
            ParameterSet q = params(1f, 1f, 1f);
            Optimizer fresh = o instanceof Adam ? new Adam() : new SgdMomentum(0.9f);
            q.gradients()[0] = 0.5f;
            q.gradients()[1] = 0.25f;
            q.gradients()[2] = 0.125f;
            fresh.step(Trainable.all(q), 0.1f);
            fresh.step(Trainable.all(q), 0.1f);
            assertArrayEquals(q.values(), p.values(), o.name() + ": the step after a refused one");
        }
    }

    @Test
    void stepSchedule() {
        StepSchedule s = new StepSchedule(0.1f, 0.5f, 3);
        assertEquals(0.1f, s.rate(0));
        assertEquals(0.1f, s.rate(2));
        assertEquals(0.05f, s.rate(3));
        assertEquals(0.025f, s.rate(7), 1e-9f);
        assertEquals(0.3f, LearningRateSchedule.constant(0.3f).rate(1000));
        assertThrows(IllegalArgumentException.class, () -> new StepSchedule(0.1f, 0.5f, 0));
    }
}
