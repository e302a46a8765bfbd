package org.patengine.engine.experiment;

import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.data.ImageDatasets;
import org.patengine.engine.data.ImageProjection;

/**
 * How an architecture wants its samples: the dataset catalog turns the raw data into this form
 * before the split, so every architecture gets the layout its first layer expects.
 */
public enum InputForm implements ImageProjection {
    /** The generated 2-D features as they are (the toy tasks; no images). */
    FEATURES(false, "2-D features"),
    /** 28×28 images downsampled by stride 2 to 14×14: 196 values, row-major. */
    PIXELS_14(true, "14x14 images (28x28 downsampled by stride 2)"),
    /** 28×28 images cut into 16 patches of 7×7: 784 values, patch-major, each patch row-major. */
    PATCHES_7(true, "28x28 images as 16 patches of 7x7");

    /** The side of the raw images this form is made from. */
    public static final int IMAGE_SIDE = 28;

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
    public int size() {
        return switch (this) {
            case PIXELS_14 -> (IMAGE_SIDE / 2) * (IMAGE_SIDE / 2);
            case PATCHES_7 -> IMAGE_SIDE * IMAGE_SIDE;
            case FEATURES -> throw new IllegalArgumentException("the input form " + name() + " is not made from images");
        };
    }

    /** Converts one 28×28 image, {@code image[off, off + 784)} row-major, into {@code out[outOff, outOff + size())}. */
    @Override
    public void fromRawImage(float[] image, int off, float[] out, int outOff) {
        switch (this) {
            case PIXELS_14 -> ImageDatasets.stride2(image, off, IMAGE_SIDE, out, outOff);
            case PATCHES_7 -> ImageDatasets.patches(image, off, IMAGE_SIDE, 7, out, outOff);
            case FEATURES -> throw new IllegalArgumentException("the input form " + name() + " takes " + description
                    + ", not images");
        }
    }

    /** Converts labelled 28×28 images, (n, 784) row-major, into this form. */
    public ArrayDataset fromRawImages(ArrayDataset raw) {
        return switch (this) {
            case PIXELS_14 -> ImageDatasets.stride2(raw, IMAGE_SIDE);
            case PATCHES_7 -> ImageDatasets.patchDataset(raw, IMAGE_SIDE, 7);
            case FEATURES -> throw new IllegalArgumentException("the input form " + name() + " takes " + description
                    + ", not images");
        };
    }
}
