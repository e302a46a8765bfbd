package org.patengine.engine.layer;

/** Which map a physical layer runs forward; digital layers ignore it. */
public enum ForwardPass {
    /** The physical system {@code f_p} (deployment, and the PAT forward). */
    PHYSICAL,
    /** The digital model {@code f_m} (in-silico training and the model's accuracy). */
    MODEL
}
