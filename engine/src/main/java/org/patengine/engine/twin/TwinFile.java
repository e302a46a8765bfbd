package org.patengine.engine.twin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.patengine.engine.layer.Activation;
import org.patengine.engine.report.AtomicFiles;
import org.patengine.kernels.ComputeBackend;

/**
 * A learned twin on disk (JSON): the MLP's shape and weights, the normalisation, the system it was
 * fitted to (its name and sizes) and how it was sampled, so that a run can load it
 * ({@code pat train --twin FILE}) and a reader can tell where it came from.
 *
 * @param format  {@value #FORMAT}
 * @param system  the sampled system's name (for a device: its handshake name and address)
 * @param sampling the fit's settings (samples, repeats, inputs per θ, input range, epochs, seed)
 * @param weights the MLP's parameters in the network's order
 */
public record TwinFile(String format, String system, int inputSize, int outputSize, int parameterSize, List<Integer> widths,
                       String activation, float[] xCentre, float[] xScale, float[] thetaCentre, float[] thetaScale, float[] yMean,
                       float[] yStd, float[] weights, Map<String, Object> sampling) {
    public static final String FORMAT = "pat-engine learned twin 1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file of a fitted twin. */
    public static TwinFile of(LearnedTwin twin, String system, Map<String, Object> sampling) {
        LearnedTwin.Normalisation n = twin.normalisation();
        return new TwinFile(FORMAT, system, twin.inputSize(), twin.outputSize(), twin.parameterSize(), twin.widths(),
                twin.activation().id(), n.xCentre(), n.xScale(), n.thetaCentre(), n.thetaScale(), n.yMean(), n.yStd(),
                twin.network().parameters().values().clone(), sampling);
    }

    /** The SHA-256 of a file, hex. */
    public static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes it atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(this));
    }

    /** Reads a twin file; anything missing or inconsistent is an IOException naming the file and what. */
    public static TwinFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("twin file " + file + " does not exist (make one with pat twin fit)");
        }
        TwinFile t;
        try {
            t = JSON.readValue(file.toFile(), TwinFile.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("twin file " + file + " is not a learned twin: " + e.getOriginalMessage(), e);
        }
        if (!FORMAT.equals(t.format)) {
            throw new IOException("twin file " + file + " has format '" + t.format + "', expected '" + FORMAT + "'");
        }
        return t;
    }

    /** The twin, with its weights; its sizes and weight count are checked. */
    public LearnedTwin twin(ComputeBackend backend, Path from) throws IOException {
        LearnedTwin twin;
        try {
            twin = new LearnedTwin(new LearnedTwin.Normalisation(xCentre, xScale, thetaCentre, thetaScale, yMean, yStd), widths,
                    Activation.named(activation), 1, backend);
        } catch (RuntimeException e) {
            throw new IOException("twin file " + from + ": " + e.getMessage(), e);
        }
        if (twin.inputSize() != inputSize || twin.parameterSize() != parameterSize || twin.outputSize() != outputSize) {
            throw new IOException("twin file " + from + " says " + inputSize + " inputs, " + parameterSize + " parameters and "
                    + outputSize + " outputs, but its normalisation has " + twin.inputSize() + ", " + twin.parameterSize() + " and "
                    + twin.outputSize());
        }
        float[] theta = twin.network().parameters().values();
        if (weights == null || weights.length != theta.length) {
            throw new IOException("twin file " + from + " has " + (weights == null ? 0 : weights.length) + " weights, its MLP "
                    + widths + " needs " + theta.length);
        }
        System.arraycopy(weights, 0, theta, 0, theta.length);
        return twin;
    }
}
