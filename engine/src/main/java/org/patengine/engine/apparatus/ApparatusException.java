package org.patengine.engine.apparatus;

/** A device did something the protocol does not allow, or nothing in time; the message says which, and what came back. */
public final class ApparatusException extends IllegalStateException {
    public ApparatusException(String message) {
        super(message);
    }
}
