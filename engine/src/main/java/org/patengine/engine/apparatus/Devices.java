package org.patengine.engine.apparatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.patengine.sim.PhysicalSystem;

/**
 * The devices of one run: a network's physical layers are each given their own connection to
 * {@code device} ({@link #replacing}), whose handshake must match the layer's simulated hardware
 * (sizes and parameter ranges), since the layer's digital twin and initialisation are made for
 * it. {@link #close} says BYE to all of them.
 */
public final class Devices implements AutoCloseable {
    private final String device;
    private final double timeoutSeconds;
    private final List<ExternalApparatus> open = new ArrayList<>();

    public Devices(String device, double timeoutSeconds) {
        this.device = device;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** For {@code Network.Builder.apparatus}: connects a device for each layer and checks it against the layer's hardware. */
    public UnaryOperator<PhysicalSystem> replacing() {
        return simulated -> {
            ExternalApparatus a;
            try {
                a = ExternalApparatus.connect(device, timeoutSeconds);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            open.add(a);
            check(a, simulated);
            return a;
        };
    }

    /** The device must look like the hardware the layer was made for. */
    static void check(ExternalApparatus a, PhysicalSystem layer) {
        Handshake h = a.handshake();
        String expected = "the layer needs " + layer.inputSize() + " inputs, " + layer.outputSize() + " outputs and "
                + layer.parameterSize() + " parameters (" + layer.name() + ")";
        if (h.inputSize() != layer.inputSize() || h.outputSize() != layer.outputSize() || h.parameterSize() != layer.parameterSize()) {
            throw new IllegalArgumentException("device " + a.name() + " has " + h.inputSize() + " inputs, " + h.outputSize()
                    + " outputs and " + h.parameterSize() + " parameters; " + expected);
        }
        for (int i = 0; i < h.parameterSize(); i++) {
            if (h.lower()[i] != layer.parameterLower(i) || h.upper()[i] != layer.parameterUpper(i)) {
                throw new IllegalArgumentException("device " + a.name() + " gives parameter " + i + " the range [" + h.lower()[i] + ", "
                        + h.upper()[i] + "]; the layer's twin expects [" + layer.parameterLower(i) + ", " + layer.parameterUpper(i) + "]");
            }
        }
    }

    @Override
    public void close() {
        for (ExternalApparatus a : open) {
            a.close();
        }
        open.clear();
    }
}
