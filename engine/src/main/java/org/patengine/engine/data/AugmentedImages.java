package org.patengine.engine.data;

/**
 * Training images that are transformed afresh each epoch ({@link ImageAugmentation}) and then
 * projected into a network's input form. The draw depends only on (seed, epoch, sample), so the
 * trainer's batch order and a resume from a checkpoint do not change what a sample looks like.
 * Reading a sample allocates nothing; not thread-safe (one scratch image).
 */
public final class AugmentedImages implements Dataset {
    private final ArrayDataset images;      // (n, side²) raw images, row-major
    private final int side;
    private final ImageProjection projection;
    private final ImageAugmentation augmentation;
    private final long seed;
    private final float[] scratch;          // (side²) the transformed image
    private int epoch;

    public AugmentedImages(ArrayDataset images, int side, ImageProjection projection, ImageAugmentation augmentation, long seed) {
        if (images.inputSize() != side * side || images.labels() == null) {
            throw new IllegalArgumentException(images.inputSize() + " features are not labelled " + side + "x" + side + " images");
        }
        this.images = images;
        this.side = side;
        this.projection = projection;
        this.augmentation = augmentation;
        this.seed = seed;
        this.scratch = new float[side * side];
    }

    @Override
    public void beginEpoch(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public int inputSize() {
        return projection.size();
    }

    @Override
    public int classCount() {
        return images.classCount();
    }

    @Override
    public int targetSize() {
        return 0;
    }

    @Override
    public void input(int index, float[] x, int xOff) {
        augmentation.apply(images.inputs(), index * side * side, side, scratch, 0, seed, epoch, index);
        projection.fromRawImage(scratch, 0, x, xOff);
    }

    @Override
    public int label(int index) {
        return images.label(index);
    }

    @Override
    public void target(int index, float[] t, int tOff) {
        throw new UnsupportedOperationException("augmented images have labels, no target values");
    }

    @Override
    public String toString() {
        return images.size() + " images augmented by " + augmentation.name();
    }
}
