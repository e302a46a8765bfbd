package org.patengine.engine.data;

/** Turns one square raw image into the values a network takes (downsampled, cut into patches, ...). */
public interface ImageProjection {
    /** Values per projected sample. */
    int size();

    /** Projects {@code image[off, off + side²)} (row-major) into {@code out[outOff, outOff + size())}. */
    void fromRawImage(float[] image, int off, float[] out, int outOff);
}
