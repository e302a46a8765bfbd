package org.patengine.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads MNIST-style image datasets (MNIST, Fashion-MNIST) from a folder of IDX files, raw or
 * gzipped: {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]},
 * {@code t10k-images-idx3-ubyte[.gz]}, {@code t10k-labels-idx1-ubyte[.gz]}. Pixels are scaled to
 * [0, 1].
 */
public final class ImageDatasets {
    private ImageDatasets() {
    }

    /** The training ({@code train=true}, 60k) or test (10k) split of the dataset in {@code dir}. */
    public static ArrayDataset load(Path dir, boolean train, int classes) throws IOException {
        String prefix = train ? "train" : "t10k";
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labels = find(dir, prefix + "-labels-idx1-ubyte");
        IdxFile im = IdxFile.read(images);
        IdxFile lb = IdxFile.read(labels);
        if (im.dims().length != 3) {
            throw new IOException(images + ": images need 3 dimensions (count, rows, cols), found " + Arrays.toString(im.dims()));
        }
        if (lb.dims().length != 1) {
            throw new IOException(labels + ": labels need 1 dimension, found " + Arrays.toString(lb.dims()));
        }
        if (im.count() != lb.count()) {
            throw new IOException(labels + ": " + lb.count() + " labels do not match the " + im.count() + " images in " + images);
        }
        int n = im.count();
        int d = im.itemSize();
        float[] x = new float[n * d];
        byte[] px = im.data();
        for (int i = 0; i < x.length; i++) {
            x[i] = (px[i] & 0xff) / 255f;
        }
        int[] y = new int[n];
        byte[] lv = lb.data();
        for (int i = 0; i < n; i++) {
            y[i] = lv[i] & 0xff;
            if (y[i] >= classes) {
                throw new IOException(labels + ": label " + y[i] + " of item " + i + " is not a class in [0, " + classes + ")");
            }
        }
        return ArrayDataset.classification(x, d, y, classes);
    }

    private static Path find(Path dir, String base) throws IOException {
        for (String name : new String[] {base, base + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException(dir + ": neither " + base + " nor " + base + ".gz found"
                + " (fetch with scripts/fetch-data.sh, or point --data at a folder of IDX files)");
    }

    /** Keeps every second pixel in each direction: side×side images become (side/2)×(side/2). */
    public static ArrayDataset stride2(ArrayDataset images, int side) {
        if (images.inputSize() != side * side || images.labels() == null) {
            throw new IllegalArgumentException(images.inputSize() + " features are not labelled "
                    + side + "x" + side + " images");
        }
        int h = side / 2;
        float[] out = new float[images.size() * h * h];
        float[] x = images.inputs();
        for (int s = 0; s < images.size(); s++) {
            stride2(x, s * side * side, side, out, s * h * h);
        }
        return ArrayDataset.classification(out, h * h, images.labels(), images.classCount());
    }

    /** One image: {@code x[xOff, xOff + side²)} row-major, every second pixel into {@code out[outOff, …)}. */
    public static void stride2(float[] x, int xOff, int side, float[] out, int outOff) {
        int h = side / 2;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < h; c++) {
                out[outOff + r * h + c] = x[xOff + 2 * r * side + 2 * c];
            }
        }
    }

    /**
     * The images re-ordered into p×p patches ({@link #patches}), as a dataset with the same labels:
     * each sample holds (side/p)² patches of p·p values, patch-major.
     */
    public static ArrayDataset patchDataset(ArrayDataset images, int side, int p) {
        if (images.labels() == null) {
            throw new IllegalArgumentException("patchDataset needs labelled images");
        }
        return ArrayDataset.classification(patches(images, side, p), side * side, images.labels(), images.classCount());
    }

    /**
     * Cuts side×side images into a grid of p×p patches; sample s becomes (side/p)² consecutive
     * rows of p·p values, patch-major (row of patches, then column), each patch row-major.
     */
    public static float[] patches(ArrayDataset images, int side, int p) {
        if (images.inputSize() != side * side || side % p != 0) {
            throw new IllegalArgumentException("cannot cut " + images.inputSize()
                    + "-pixel images of side " + side + " into " + p + "x" + p + " patches");
        }
        float[] out = new float[images.size() * side * side];
        float[] x = images.inputs();
        for (int s = 0; s < images.size(); s++) {
            patches(x, s * side * side, side, p, out, s * side * side);
        }
        return out;
    }

    /** One image: {@code x[xOff, xOff + side²)} row-major, as (side/p)² patches of p·p into {@code out[outOff, …)}. */
    public static void patches(float[] x, int xOff, int side, int p, float[] out, int outOff) {
        int g = side / p;
        int o = outOff;
        for (int pr = 0; pr < g; pr++) {
            for (int pc = 0; pc < g; pc++) {
                for (int r = 0; r < p; r++) {
                    for (int c = 0; c < p; c++) {
                        out[o++] = x[xOff + (pr * p + r) * side + pc * p + c];
                    }
                }
            }
        }
    }
}
