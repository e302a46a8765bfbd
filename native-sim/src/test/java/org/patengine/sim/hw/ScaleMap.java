package org.patengine.sim.hw;

/**
 * A toy {@link PhysicsMap} for the I/O chain's tests: {@code y_i = (θ_0 + h_0)·x_i + h_1} with
 * θ_0 ∈ [−1, 2] and two drifting hidden quantities h (0 at start).
 */
final class ScaleMap implements PhysicsMap {
    static final int SIZE = 3;
    final float[] hidden = new float[2];
    int runs;

    @Override
    public int inputSize() {
        return SIZE;
    }

    @Override
    public int outputSize() {
        return SIZE;
    }

    @Override
    public int parameterSize() {
        return 1;
    }

    @Override
    public float parameterLower(int i) {
        return -1f;
    }

    @Override
    public float parameterUpper(int i) {
        return 2f;
    }

    @Override
    public void checkParameters(float[] theta) {
        if (!(theta[0] >= -1f && theta[0] <= 2f)) {
            throw new IllegalArgumentException("theta[0] = " + theta[0] + " is outside its range [-1.0, 2.0]");
        }
    }

    @Override
    public void run(int batch, float[] x, float[] theta, float[] y) {
        runs++;
        for (int i = 0; i < batch * SIZE; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i / SIZE + ", " + i % SIZE + "] = " + x[i] + ": expected a finite value");
            }
            y[i] = (theta[0] + hidden[0]) * x[i] + hidden[1];
        }
    }

    @Override
    public float[] drifting() {
        return hidden;
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        checkParameters(theta);
        run(batch, x, theta, y);
    }

    @Override
    public void vjp(int batch, float[] x, float[] theta, float[] gY, float[] gX, float[] gTheta) {
        throw new UnsupportedOperationException("not needed by these tests");
    }
}
