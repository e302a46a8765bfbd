package org.patengine.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.patengine.sim.Rng;
import org.patengine.testkit.AllocationProbe;

/** The geometric transforms on known images, the seeded draws, and the augmented training set. */
class ImageAugmentationTest {
    private static final int SIDE = 7;

    private static float[] randomImage(int side, long seed) {
        Rng r = new Rng(seed);
        float[] x = new float[side * side];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.uniform(0, 1);
        }
        return x;
    }

    private static float[] transform(float[] src, double degrees, double scale, double tx, double ty, boolean mirror) {
        float[] dst = new float[src.length];
        ImageAugmentation.transform(src, 0, SIDE, dst, 0, Math.toRadians(degrees), scale, tx, ty, mirror);
        return dst;
    }

    @Test
    void theIdentityDrawCopiesTheImage() {
        float[] x = randomImage(SIDE, 1);
        assertArrayEquals(x, transform(x, 0, 1, 0, 0, false));
        float[] y = new float[x.length];
        ImageAugmentation.NONE.apply(x, 0, SIDE, y, 0, 5, 3, 11);
        assertArrayEquals(x, y);
        assertTrue(ImageAugmentation.NONE.isIdentity() && !ImageAugmentation.AFFINE.isIdentity() && !ImageAugmentation.HFLIP.isIdentity());
    }

    @Test
    void shiftsMirrorsRotationsAndScalesMovePixelsWhereExpected() {
        float[] x = randomImage(SIDE, 2);
        float[] down = transform(x, 0, 1, 0, 1, false); // one pixel down: row 0 comes from outside
        float[] left = transform(x, 0, 1, -2, 0, false);
        float[] mirror = transform(x, 0, 1, 0, 0, true);
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                assertEquals(r == 0 ? 0f : x[(r - 1) * SIDE + c], down[r * SIDE + c], 1e-6f);
                assertEquals(c >= SIDE - 2 ? 0f : x[r * SIDE + c + 2], left[r * SIDE + c], 1e-6f);
                assertEquals(x[r * SIDE + SIDE - 1 - c], mirror[r * SIDE + c]);
            }
        }
        // a quarter turn maps the square grid onto itself; four of them give the image back, two a half turn
        float[] quarter = transform(x, 90, 1, 0, 0, false);
        float[] half = transform(quarter, 90, 1, 0, 0, false);
        float[] full = transform(transform(half, 90, 1, 0, 0, false), 90, 1, 0, 0, false);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], full[i], 1e-5f);
            assertEquals(x[x.length - 1 - i], half[i], 1e-5f, "a half turn reverses the pixel order");
        }
        assertFalse(Arrays.equals(x, quarter));
        // scaling keeps the centre pixel and, at scale 2, pulls in the pixel half-way to it
        float[] zoom = transform(x, 0, 2, 0, 0, false);
        int m = SIDE / 2;
        assertEquals(x[m * SIDE + m], zoom[m * SIDE + m], 1e-6f);
        assertEquals(x[m * SIDE + m + 1], zoom[m * SIDE + m + 2], 1e-6f);
        // bilinear between pixels: half a pixel right is the mean of two neighbours
        float[] half_px = transform(x, 0, 1, 0.5, 0, false);
        assertEquals(0.5f * (x[m * SIDE + m - 1] + x[m * SIDE + m]), half_px[m * SIDE + m], 1e-6f);
    }

    @Test
    void drawsArePureFunctionsOfSeedEpochAndSample() {
        float[] x = randomImage(28, 3);
        float[] a = new float[x.length];
        float[] b = new float[x.length];
        ImageAugmentation.AFFINE.apply(x, 0, 28, a, 0, 9, 2, 17);
        ImageAugmentation.AFFINE.apply(x, 0, 28, b, 0, 9, 2, 17);
        assertArrayEquals(a, b);
        ImageAugmentation.AFFINE.apply(x, 0, 28, b, 0, 9, 3, 17);
        assertFalse(Arrays.equals(a, b), "another epoch, another draw");
        ImageAugmentation.AFFINE.apply(x, 0, 28, b, 0, 9, 2, 18);
        assertFalse(Arrays.equals(a, b), "another sample, another draw");
        ImageAugmentation.AFFINE.apply(x, 0, 28, b, 0, 10, 2, 17);
        assertFalse(Arrays.equals(a, b), "another seed, another draw");
        // hflip mirrors about half of the draws and leaves the others untouched
        int mirrored = 0;
        for (int i = 0; i < 400; i++) {
            ImageAugmentation.HFLIP.apply(x, 0, 28, a, 0, 1, 0, i);
            boolean same = Arrays.equals(x, a);
            ImageAugmentation.transform(x, 0, 28, b, 0, 0, 1, 0, 0, true);
            assertTrue(same || Arrays.equals(a, b), "hflip either copies or mirrors");
            mirrored += same ? 0 : 1;
        }
        assertTrue(mirrored > 150 && mirrored < 250, "mirrored " + mirrored + " of 400");
    }

    @Test
    void namesAndBadParametersAreChecked() {
        assertEquals(ImageAugmentation.AFFINE, ImageAugmentation.named("affine"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageAugmentation.named("rotate"));
        assertTrue(e.getMessage().contains("'rotate' is not one of [none, affine, hflip]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageAugmentation("bad", 10, 0, 0, 1.2, 1.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ImageAugmentation("bad", 10, 0, 0, 1, 1, 1.5));
        assertEquals(ImageAugmentation.HFLIP, ImageAugmentation.named("HFlip"), "names are case-insensitive");
        // each dataset's default augmentation is in its catalog entry now: CatalogsTest
    }

    @Test
    void theAugmentedSetChangesPerEpochProjectsAndAllocatesNothing() {
        int n = 5;
        float[] px = new float[n * 28 * 28];
        for (int s = 0; s < n; s++) {
            System.arraycopy(randomImage(28, 10 + s), 0, px, s * 784, 784);
        }
        ArrayDataset raw = ArrayDataset.classification(px, 784, new int[] {0, 1, 2, 3, 4}, 5);
        ImageProjection stride2 = new ImageProjection() {
            public int size() {
                return 196;
            }

            public void fromRawImage(float[] image, int off, float[] out, int outOff) {
                ImageDatasets.stride2(image, off, 28, out, outOff);
            }
        };
        AugmentedImages none = new AugmentedImages(raw, 28, stride2, ImageAugmentation.NONE, 1);
        ArrayDataset plain = ImageDatasets.stride2(raw, 28);
        float[] a = new float[196];
        float[] b = new float[196];
        for (int s = 0; s < n; s++) {
            none.input(s, a, 0);
            plain.input(s, b, 0);
            assertArrayEquals(b, a, "no augmentation: the plain projection");
            assertEquals(s, none.label(s));
        }
        AugmentedImages aug = new AugmentedImages(raw, 28, stride2, ImageAugmentation.AFFINE, 1);
        assertEquals(196, aug.inputSize());
        aug.beginEpoch(0);
        aug.input(2, a, 0);
        aug.beginEpoch(1);
        aug.input(2, b, 0);
        assertFalse(Arrays.equals(a, b));
        aug.beginEpoch(0);
        aug.input(2, b, 0);
        assertArrayEquals(a, b, "epoch 0 again: the same draw");

        for (int i = 0; i < 20_000; i++) { // warm-up
            aug.input(i % n, a, 0);
        }
        long allocated = AllocationProbe.of(AllocationProbe.POOL_PREFIX).leftover(() -> {
            for (int i = 0; i < 1000; i++) {
                aug.input(i % n, a, 0);
            }
        });
        assertEquals(0, allocated, "bytes allocated by 1000 augmented samples");
    }
}
