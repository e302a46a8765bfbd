package org.patengine.engine.data;

import java.util.List;

/**
 * A random geometric transform of a side×side image, drawn afresh for every (seed, epoch, sample):
 * rotation by φ ~ U(−degrees, degrees), scale s ~ U(scaleMin, scaleMax), shift t = (tx, ty) with
 * tx ~ U(−shiftX·side, shiftX·side) across and ty ~ U(−shiftY·side, shiftY·side) down, then a
 * left–right mirror with probability {@code flip}. Output pixel (r, c) is the bilinear
 * interpolation of the input at  R(−φ)·((c, r) − m − t)/s + m  (m the image centre), zero outside
 * the image. The named ones are the reference code's training augmentations (each dataset's default is
 * in its catalog entry): {@code affine} for MNIST (torchvision {@code RandomAffine(15, translate=(0, 0.05), scale=(0.9, 1.1))}) and
 * {@code hflip} for Fashion-MNIST ({@code RandomHorizontalFlip()}).
 *
 * <p>The draw is a pure function of (seed, epoch, sample index), so a resumed run sees the very
 * same images as an uninterrupted one, whatever the batch order; applying it allocates nothing.
 */
public record ImageAugmentation(String name, double degrees, double shiftX, double shiftY, double scaleMin,
                                double scaleMax, double flip) {

    public static final ImageAugmentation NONE = new ImageAugmentation("none", 0, 0, 0, 1, 1, 0);
    public static final ImageAugmentation AFFINE = new ImageAugmentation("affine", 15, 0, 0.05, 0.9, 1.1, 0);
    public static final ImageAugmentation HFLIP = new ImageAugmentation("hflip", 0, 0, 0, 1, 1, 0.5);

    /** The named augmentations, by name. */
    private static final List<ImageAugmentation> NAMED = List.of(NONE, AFFINE, HFLIP);

    public static final List<String> NAMES = NAMED.stream().map(ImageAugmentation::name).toList();

    public ImageAugmentation {
        if (!(degrees >= 0 && degrees <= 180 && shiftX >= 0 && shiftX < 1 && shiftY >= 0 && shiftY < 1
                && scaleMin > 0 && scaleMin <= scaleMax && Double.isFinite(scaleMax) && flip >= 0 && flip <= 1)) {
            throw new IllegalArgumentException("augmentation " + name + ": needs 0 <= degrees <= 180, shifts in [0, 1), "
                    + "0 < scaleMin <= scaleMax, flip in [0, 1]; was degrees " + degrees + ", shifts " + shiftX + ", " + shiftY
                    + ", scale [" + scaleMin + ", " + scaleMax + "], flip " + flip);
        }
    }

    /** The named augmentation ({@link #NAMES}, case-insensitive). */
    public static ImageAugmentation named(String name) {
        for (ImageAugmentation a : NAMED) {
            if (a.name.equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("augmentation '" + name + "' is not one of " + NAMES);
    }

    /** Whether every draw is the identity. */
    public boolean isIdentity() {
        return degrees == 0 && shiftX == 0 && shiftY == 0 && scaleMin == 1 && scaleMax == 1 && flip == 0;
    }

    /**
     * Writes the transformed {@code src[srcOff, srcOff + side²)} into {@code dst[dstOff, dstOff + side²)}
     * (row-major, {@code dst} must not overlap {@code src}), with the draw for (seed, epoch, index).
     */
    public void apply(float[] src, int srcOff, int side, float[] dst, int dstOff, long seed, int epoch, int index) {
        long h = mix(mix(seed ^ 0x41554721L) + epoch * 0x9E3779B97F4A7C15L + index);
        double u0 = unit(h = mix(h)), u1 = unit(h = mix(h)), u2 = unit(h = mix(h)), u3 = unit(h = mix(h)), u4 = unit(mix(h));
        double phi = Math.toRadians(degrees * (2 * u0 - 1));
        double scale = scaleMin + (scaleMax - scaleMin) * u1;
        double tx = shiftX * side * (2 * u2 - 1);
        double ty = shiftY * side * (2 * u3 - 1);
        boolean mirror = u4 < flip;
        transform(src, srcOff, side, dst, dstOff, phi, scale, tx, ty, mirror);
    }

    /** The transform with given draws (rotation in radians). */
    static void transform(float[] src, int srcOff, int side, float[] dst, int dstOff, double phi, double scale,
                          double tx, double ty, boolean mirror) {
        double m = (side - 1) / 2.0;
        double cos = Math.cos(phi) / scale;
        double sin = Math.sin(phi) / scale;
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double x = (mirror ? side - 1 - c : c) - m - tx;
                double y = r - m - ty;
                double xs = cos * x + sin * y + m;  // R(−φ)/s applied to (x, y)
                double ys = -sin * x + cos * y + m;
                dst[dstOff + r * side + c] = bilinear(src, srcOff, side, xs, ys);
            }
        }
    }

    private static float bilinear(float[] src, int off, int side, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (float) ((1 - fy) * ((1 - fx) * at(src, off, side, x0, y0) + fx * at(src, off, side, x0 + 1, y0))
                + fy * ((1 - fx) * at(src, off, side, x0, y0 + 1) + fx * at(src, off, side, x0 + 1, y0 + 1)));
    }

    private static float at(float[] src, int off, int side, int x, int y) {
        return x < 0 || y < 0 || x >= side || y >= side ? 0f : src[off + y * side + x];
    }

    /** SplitMix64's finaliser: a stateless, well-mixed hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }
}
