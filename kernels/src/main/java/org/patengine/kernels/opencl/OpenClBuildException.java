package org.patengine.kernels.opencl;

/** An OpenCL program failed to compile; the message carries the compiler's build log. */
public final class OpenClBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String buildLog;

    public OpenClBuildException(String message, String buildLog, Throwable cause) {
        super(message + "\n--- build log ---\n" + buildLog, cause);
        this.buildLog = buildLog;
    }

    /** The compiler's output for the failed build. */
    public String buildLog() {
        return buildLog;
    }
}
