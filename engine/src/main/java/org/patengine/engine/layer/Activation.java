package org.patengine.engine.layer;

import java.util.List;
import java.util.Locale;

/** An elementwise nonlinearity σ and its derivative, for {@link ActivationLayer}. */
public enum Activation {
    /** σ(x) = tanh x, σ' = 1 − tanh² x. */
    TANH {
        @Override
        public float apply(float x) {
            return (float) Math.tanh(x);
        }

        @Override
        public float derivative(float x) {
            double t = Math.tanh(x);
            return (float) (1 - t * t);
        }
    },
    /** σ(x) = max(0, x), σ' = 1 for x > 0, else 0. */
    RELU {
        @Override
        public float apply(float x) {
            return x > 0 ? x : 0f;
        }

        @Override
        public float derivative(float x) {
            return x > 0 ? 1f : 0f;
        }
    },
    /** σ(x) = x·s(x) with the logistic s(x) = 1/(1 + e^−x) (swish, the lab's twins'), σ' = s + x·s·(1 − s). */
    SWISH {
        @Override
        public float apply(float x) {
            double s = 1 / (1 + Math.exp(-x));
            return (float) (x * s);
        }

        @Override
        public float derivative(float x) {
            double s = 1 / (1 + Math.exp(-x));
            return (float) (s + x * s * (1 - s));
        }
    };

    public static final List<String> NAMES = List.of("tanh", "relu", "swish");

    public abstract float apply(float x);

    /** dσ/dx at x. */
    public abstract float derivative(float x);

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The activation of that name (case-insensitive); an unknown one is an error naming the known ones. */
    public static Activation named(String name) {
        if (name != null && NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("activation '" + name + "' is not one of " + NAMES);
    }
}
