package org.patengine.engine.experiment;

import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.data.ImageDatasets;
import org.patengine.engine.data.ImageProjection;

/**
 * How an architecture wants its samples: the dataset catalog turns the raw data into this form
 * before the split, so every architecture gets the layout its first layer expects. Each form
 * carries its own conversion; {@link #FEATURES} takes no images.
 */
public enum InputForm implements ImageProjection {
    /** Feature vectors (the toy tasks, the vowels), scaled as the dataset says; no images. */
    FEATURES(false, "feature vectors") {
        @Override
        public int size() {
            throw notImages();
        }

        @Override
        public void fromRawImage(float[] image, int off, float[] out, int outOff) {
            throw notImages();
        }

        @Override
        public ArrayDataset fromRawImages(ArrayDataset raw) {
            throw notImages();
        }
    },
    /** 28×28 images downsampled by stride 2 to 14×14: 196 values, row-major. */
    PIXELS_14(true, "14x14 images (28x28 downsampled by stride 2)") {
        @Override
        public int size() {
            return (IMAGE_SIDE / 2) * (IMAGE_SIDE / 2);
        }

        @Override
        public void fromRawImage(float[] image, int off, float[] out, int outOff) {
            ImageDatasets.stride2(image, off, IMAGE_SIDE, out, outOff);
        }

        @Override
        public ArrayDataset fromRawImages(ArrayDataset raw) {
            return ImageDatasets.stride2(raw, IMAGE_SIDE);
        }
    },
    /** 28×28 images cut into 16 patches of 7×7: 784 values, patch-major, each patch row-major. */
    PATCHES_7(true, "28x28 images as 16 patches of 7x7") {
        @Override
        public int size() {
            return IMAGE_SIDE * IMAGE_SIDE;
        }

        @Override
        public void fromRawImage(float[] image, int off, float[] out, int outOff) {
            ImageDatasets.patches(image, off, IMAGE_SIDE, PATCH_SIDE, out, outOff);
        }

        @Override
        public ArrayDataset fromRawImages(ArrayDataset raw) {
            return ImageDatasets.patchDataset(raw, IMAGE_SIDE, PATCH_SIDE);
        }
    };

    /** The side of the raw images this form is made from. */
    public static final int IMAGE_SIDE = 28;

    /** The side of {@link #PATCHES_7}'s patches. */
    private static final int PATCH_SIDE = 7;

    private final boolean images;
    private final String description;

    InputForm(boolean images, String description) {
        this.images = images;
        this.description = description;
    }

    /** Whether this form is made from images (else from feature vectors). */
    public boolean fromImages() {
        return images;
    }

    public String description() {
        return description;
    }

    /** Values per sample in this form made from a 28×28 image. */
    @Override
    public abstract int size();

    /** Converts one 28×28 image, {@code image[off, off + 784)} row-major, into {@code out[outOff, outOff + size())}. */
    @Override
    public abstract void fromRawImage(float[] image, int off, float[] out, int outOff);

    /** Converts labelled 28×28 images, (n, 784) row-major, into this form. */
    public abstract ArrayDataset fromRawImages(ArrayDataset raw);

    IllegalArgumentException notImages() {
        return new IllegalArgumentException("the input form " + name() + " takes " + description + ", not images");
    }
}
