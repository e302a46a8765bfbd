package org.patengine.engine.apparatus;

import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;

/**
 * What a device says about itself in its HELLO_REPLY: its name, sizes, each parameter's range and
 * its flags (docs/apparatus-protocol.md).
 *
 * @param lower per parameter, the smallest value it takes (may be −∞)
 * @param upper per parameter, the largest (may be +∞)
 */
public record Handshake(int version, String name, int inputSize, int outputSize, float[] lower, float[] upper, int flags) {

    public Handshake {
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("a device needs inputs and outputs, it announced " + inputSize + " inputs and "
                    + outputSize + " outputs");
        }
        if (lower.length != upper.length) {
            throw new IllegalArgumentException(lower.length + " lower and " + upper.length + " upper bounds");
        }
        for (int i = 0; i < lower.length; i++) {
            if (Float.isNaN(lower[i]) || Float.isNaN(upper[i]) || lower[i] > upper[i]) {
                throw new IllegalArgumentException("parameter " + i + " has the range [" + lower[i] + ", " + upper[i]
                        + "]: expected lower <= upper, no NaN");
            }
        }
    }

    public int parameterSize() {
        return lower.length;
    }

    public boolean canSaveState() {
        return (flags & Frames.CAN_SAVE_STATE) != 0;
    }

    /** The payload of a HELLO_REPLY. */
    public ByteBuffer encode() {
        ByteBuffer b = Frames.payload(4 + Frames.stringBytes(name) + 12 + 8 * lower.length + 4);
        b.putInt(version);
        Frames.putString(b, name);
        b.putInt(inputSize).putInt(outputSize).putInt(lower.length);
        for (int i = 0; i < lower.length; i++) {
            b.putFloat(lower[i]).putFloat(upper[i]);
        }
        b.putInt(flags);
        return b;
    }

    /** Reads a HELLO_REPLY payload; a short or inconsistent one is an IllegalArgumentException saying what. */
    public static Handshake decode(ByteBuffer b) {
        try {
            int version = b.getInt();
            String name = Frames.getString(b);
            int in = b.getInt();
            int out = b.getInt();
            int p = b.getInt();
            if (p < 0 || p > b.remaining() / 8) {
                throw new IllegalArgumentException("it announced " + Integer.toUnsignedString(p) + " parameters but sent "
                        + b.remaining() + " bytes of ranges and flags");
            }
            float[] lower = new float[p];
            float[] upper = new float[p];
            for (int i = 0; i < p; i++) {
                lower[i] = b.getFloat();
                upper[i] = b.getFloat();
            }
            int flags = b.getInt();
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " bytes after the flags");
            }
            return new Handshake(version, name, in, out, lower, upper, flags);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the HELLO_REPLY ended early");
        }
    }
}
