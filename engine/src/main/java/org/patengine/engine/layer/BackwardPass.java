package org.patengine.engine.layer;

/** Which vector–Jacobian product a physical layer uses backward; digital layers ignore it. */
public enum BackwardPass {
    /** The digital model's VJP at the saved input (PAT, in-silico and reservoir training). */
    MODEL,
    /** The simulated system's exact VJP ({@code PhysicalSystem.exactModel()}; the ideal mode). */
    EXACT
}
