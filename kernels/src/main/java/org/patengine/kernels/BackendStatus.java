package org.patengine.kernels;

/**
 * Whether a backend can run on this machine.
 *
 * @param kind      the backend
 * @param available true when it can be created
 * @param detail    what it runs on when available, or why not
 */
public record BackendStatus(BackendKind kind, boolean available, String detail) {
}
