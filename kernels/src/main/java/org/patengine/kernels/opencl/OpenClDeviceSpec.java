package org.patengine.kernels.opencl;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which OpenCL device to use, as given by the system property {@value #PROPERTY}:
 * {@code gpu} (the first GPU), {@code cpu} (the first CPU device), {@code any} (the first device of
 * any type) or {@code platformIndex:deviceIndex} (e.g. {@code 0:1}). Unset or blank means
 * {@link Kind#DEFAULT}: the first GPU if there is one, else the first device of any type.
 *
 * @param kind          how the device is chosen
 * @param platformIndex the platform's index for {@link Kind#INDEX}, else -1
 * @param deviceIndex   the device's index within that platform for {@link Kind#INDEX}, else -1
 */
public record OpenClDeviceSpec(Kind kind, int platformIndex, int deviceIndex) {
    /** The system property that selects the device. */
    public static final String PROPERTY = "pat.opencl.device";

    private static final Pattern INDEX = Pattern.compile("(\\d{1,9}):(\\d{1,9})");

    /** How a device is chosen. */
    public enum Kind {
        /** Prefer a GPU, else any device. */
        DEFAULT,
        /** The first GPU. */
        GPU,
        /** The first CPU device. */
        CPU,
        /** The first device of any type. */
        ANY,
        /** The device at platformIndex:deviceIndex. */
        INDEX
    }

    public OpenClDeviceSpec {
        if ((kind == Kind.INDEX) != (platformIndex >= 0 && deviceIndex >= 0)) {
            throw new IllegalArgumentException("indices " + platformIndex + ":" + deviceIndex
                    + " do not fit the device choice " + kind);
        }
    }

    /** The spec given by {@value #PROPERTY}. */
    public static OpenClDeviceSpec fromSystemProperty() {
        return parse(System.getProperty(PROPERTY));
    }

    /**
     * Parses a value of {@value #PROPERTY} ({@code null} or blank: {@link Kind#DEFAULT}).
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static OpenClDeviceSpec parse(String value) {
        if (value == null || value.isBlank()) {
            return new OpenClDeviceSpec(Kind.DEFAULT, -1, -1);
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "gpu":
                return new OpenClDeviceSpec(Kind.GPU, -1, -1);
            case "cpu":
                return new OpenClDeviceSpec(Kind.CPU, -1, -1);
            case "any":
                return new OpenClDeviceSpec(Kind.ANY, -1, -1);
            default:
                Matcher m = INDEX.matcher(v);
                if (m.matches()) {
                    return new OpenClDeviceSpec(Kind.INDEX, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                }
                throw new IllegalArgumentException("invalid -D" + PROPERTY + "='" + value
                        + "': expected gpu, cpu, any or platformIndex:deviceIndex (e.g. 0:0)");
        }
    }

    @Override
    public String toString() {
        return kind == Kind.INDEX ? platformIndex + ":" + deviceIndex : kind.name().toLowerCase(Locale.ROOT);
    }
}
