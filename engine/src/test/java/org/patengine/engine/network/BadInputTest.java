package org.patengine.engine.network;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.layer.PhysicalLayer;
import org.patengine.engine.testsystems.PowerMap;
import org.patengine.engine.testsystems.TanhAffineMap;
import org.patengine.engine.testsystems.TanhAffineSystem;
import org.patengine.engine.train.Trainer;

/** Wrong shapes, non-finite values and misuse give exceptions that say what was expected. */
class BadInputTest {
    private static void throwsWith(Class<? extends Throwable> type, String fragment, Executable e) {
        Throwable t = assertThrows(type, e);
        assertTrue(t.getMessage().contains(fragment), () -> "message '" + t.getMessage() + "' lacks '" + fragment + "'");
    }

    private static Network small() {
        Network net = Network.builder(3)
                .physical(TanhAffineSystem.ideal(3, 4), TanhAffineMap.nominal(3, 4), ParameterInit.uniform(-0.5f, 0.5f))
                .readout(1, 2, 1f)
                .build();
        net.allocate(4);
        return net;
    }

    @Test
    void builderChecksShapes() {
        throwsWith(IllegalArgumentException.class, "expects 5 inputs but the network input gives 3",
                () -> Network.builder(3).physical(TanhAffineSystem.ideal(5, 2), TanhAffineMap.nominal(5, 2),
                        ParameterInit.constant(0f)));
        throwsWith(IllegalArgumentException.class, "digital model has shape (in 3, out 5",
                () -> new PhysicalLayer(TanhAffineSystem.ideal(3, 4), TanhAffineMap.nominal(3, 5),
                        ParameterInit.constant(0f)));
        throwsWith(IllegalArgumentException.class, "slice [3, 6) is outside the 4 inputs",
                () -> Network.builder(4).readout(3, 3, 1f));
        throwsWith(IllegalStateException.class, "at least one layer", () -> Network.builder(4).build());
        PhysicalLayer layer = new PhysicalLayer(TanhAffineSystem.ideal(3, 3), TanhAffineMap.nominal(3, 3),
                ParameterInit.constant(0f));
        throwsWith(IllegalArgumentException.class, "added twice", () -> Network.builder(3).add(layer).add(layer));
    }

    @Test
    void initialParametersMustBeInRange() {
        throwsWith(IllegalArgumentException.class, "initial θ[1] = 3.0 is outside the system's range [0.5, 2.0]",
                () -> Network.builder(2).physical(new PowerMap(2f, 2), new PowerMap(2f, 2),
                        ParameterInit.values(1f, 3f)).build());
        throwsWith(IllegalArgumentException.class, "has 1 values but the block has 2 parameters",
                () -> Network.builder(2).physical(new PowerMap(2f, 2), new PowerMap(2f, 2),
                        ParameterInit.values(1f)).build());
    }

    @Test
    void forwardChecksItsInput() {
        Network net = small();
        throwsWith(IllegalArgumentException.class, "x[sample 1, 2] is NaN",
                () -> net.forward(ForwardPass.PHYSICAL, 2, new float[] {0, 0, 0, 0, 0, Float.NaN}));
        throwsWith(IllegalArgumentException.class, "x[sample 0, 0] is Infinity",
                () -> net.forward(ForwardPass.PHYSICAL, 1, new float[] {Float.POSITIVE_INFINITY, 0, 0}));
        throwsWith(IllegalArgumentException.class, "length 5, expected at least 6 = batch 2 x 3 inputs",
                () -> net.forward(ForwardPass.PHYSICAL, 2, new float[5]));
        throwsWith(IllegalArgumentException.class, "batch 5 is outside [1, 4]; call allocate(5) first",
                () -> net.forward(ForwardPass.PHYSICAL, 5, new float[15]));
    }

    @Test
    void backwardChecksItsUse() {
        Network fresh = small();
        throwsWith(IllegalStateException.class, "before forward",
                () -> fresh.backward(BackwardPass.MODEL, 1, new float[2], null));
        Network net = small();
        net.forward(ForwardPass.PHYSICAL, 2, new float[6]);
        throwsWith(IllegalArgumentException.class, "backward batch 1 differs from the forward batch 2",
                () -> net.backward(BackwardPass.MODEL, 1, new float[2], null));
        throwsWith(IllegalArgumentException.class, "gradient gY has length 3",
                () -> net.backward(BackwardPass.MODEL, 2, new float[3], null));
        throwsWith(IllegalArgumentException.class, "the trainable ranges were made for another parameter set",
                () -> net.backward(BackwardPass.MODEL, 2, new float[4], null, small().allTrainable()));
        throwsWith(NullPointerException.class, "trainable ranges are null",
                () -> net.backward(BackwardPass.MODEL, 2, new float[4], null, null));
    }

    @Test
    void datasetsAndTrainersCheckTheirArguments() {
        throwsWith(IllegalArgumentException.class, "input[sample 1, 0] is NaN",
                () -> ArrayDataset.classification(new float[] {0, 0, Float.NaN, 0}, 2, new int[] {0, 1}, 2));
        throwsWith(IllegalArgumentException.class, "label[1] = 2 is outside [0, 2)",
                () -> ArrayDataset.classification(new float[4], 2, new int[] {0, 2}, 2));
        throwsWith(IllegalArgumentException.class, "not a multiple of inputSize 2",
                () -> ArrayDataset.classification(new float[3], 2, new int[] {0}, 2));
        Trainer t = Trainer.builder(small()).batchSize(4).build();
        throwsWith(IllegalArgumentException.class, "samples have 2 inputs but the network takes 3",
                () -> t.trainEpoch(ArrayDataset.classification(new float[4], 2, new int[] {0, 1}, 2)));
        throwsWith(IllegalArgumentException.class, "has 5 classes but the network has only 2 outputs",
                () -> t.evaluate(ArrayDataset.classification(new float[3], 3, new int[] {4}, 5)));
        throwsWith(IllegalArgumentException.class, "batch 5 is outside [1, 4]",
                () -> t.step(5, new float[15], new int[5], null));
        throwsWith(IllegalArgumentException.class, "batch size must be >= 1",
                () -> Trainer.builder(small()).batchSize(0));
    }

    /** A physical system's own errors (here: a parameter the FD step would push out of range) surface. */
    @Test
    void finiteDifferenceStepMustFitTheRange() {
        Network net = Network.builder(1)
                .physical(new PowerMap(2f, 1), new PowerMap(2f, 1), ParameterInit.constant(1f))
                .build();
        // a range of width 1.5 cannot hold a step of 2 on either side
        Trainer t = Trainer.builder(net).mode(org.patengine.engine.train.TrainingMode.FD).batchSize(1)
                .loss(new org.patengine.engine.loss.MeanSquaredError()).finiteDifferences(true, 2f).build();
        throwsWith(IllegalArgumentException.class, "does not fit the range [0.5, 2.0]",
                () -> t.computeGradient(1, new float[] {1.5f}, null, new float[] {1f}));
        assertTrue(net.parameters().values()[0] == 1f, "θ restored after the failure");
    }
}
