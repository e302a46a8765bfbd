package org.patengine.engine.testsystems;

import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.network.Network;
import org.patengine.sim.Rng;
import org.patengine.sim.PhysicalSystem;

/** Small datasets and networks shared by the trainer tests. */
public final class Fixtures {
    public static final int IN = 6;
    public static final int HIDDEN = 8;
    public static final int CLASSES = 3;

    private Fixtures() {
    }

    /** Three Gaussian clusters in 6-D. */
    public static ArrayDataset clusters(int n, long seed) {
        Rng rng = new Rng(seed);
        float[][] centers = new float[CLASSES][IN];
        Rng c = new Rng(99);
        for (float[] center : centers) {
            for (int i = 0; i < IN; i++) {
                center[i] = c.uniform(-1, 1);
            }
        }
        float[] x = new float[n * IN];
        int[] labels = new int[n];
        for (int s = 0; s < n; s++) {
            labels[s] = rng.nextInt(CLASSES);
            for (int i = 0; i < IN; i++) {
                x[s * IN + i] = centers[labels[s]][i] + (float) (0.3 * rng.nextGaussian());
            }
        }
        return ArrayDataset.classification(x, IN, labels, CLASSES);
    }

    /** physical(6→8) → physical(8→8) → readout(3 classes), with the given systems. */
    public static Network physicalNet(PhysicalSystem a, PhysicalSystem b, long seed) {
        return Network.builder(IN).seed(seed)
                .physical(a, TanhAffineMap.nominal(IN, HIDDEN), ParameterInit.uniform(-0.5f, 0.5f))
                .physical(b, TanhAffineMap.nominal(HIDDEN, HIDDEN), ParameterInit.uniform(-0.5f, 0.5f))
                .readout(0, CLASSES, 3f)
                .build();
    }

    public static Network gapNet(long seed) {
        return physicalNet(TanhAffineSystem.withGap(IN, HIDDEN, 0.1f, 0.2f, 0.02f, 0.01f, 31),
                TanhAffineSystem.withGap(HIDDEN, HIDDEN, 0.1f, 0.2f, 0.02f, 0.01f, 32), seed);
    }

}
