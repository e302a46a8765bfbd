package org.patengine.engine.apparatus;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.patengine.engine.apparatus.Frames.Frame;

/**
 * A connection to a device: a process the engine starts (its stdin and stdout carry the frames,
 * its stderr is kept for error messages) or a server on a TCP port ({@code tcp://host:port}). A
 * reader thread takes the device's frames off the stream, so that {@link #receive} can wait with a
 * timeout on either transport.
 */
public final class DeviceLink implements AutoCloseable {
    private static final int STDERR_LINES = 10;

    private final String description;
    private final Process process;   // or null
    private final Socket socket;     // or null
    private final OutputStream out;
    private final BlockingQueue<Object> frames = new ArrayBlockingQueue<>(4); // Frame, or the IOException that ended the stream
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();

    private DeviceLink(String description, Process process, Socket socket, InputStream in, OutputStream out) {
        this.description = description;
        this.process = process;
        this.socket = socket;
        this.out = out;
        Thread reader = new Thread(() -> readLoop(in), "device-reader " + description);
        reader.setDaemon(true);
        reader.start();
        if (process != null) {
            Thread err = new Thread(this::drainStderr, "device-stderr " + description);
            err.setDaemon(true);
            err.start();
        }
    }

    /** Opens {@code device}: {@code tcp://host:port}, else a command line run by {@code /bin/sh -c}. */
    public static DeviceLink open(String device) throws IOException {
        if (device == null || device.isBlank()) {
            throw new IllegalArgumentException("no device given: expected a command line or tcp://host:port");
        }
        if (device.startsWith("tcp://")) {
            URI uri = URI.create(device);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("device " + device + ": expected tcp://host:port");
            }
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            } catch (IOException e) {
                s.close();
                throw new IOException("cannot connect to device " + device + ": " + e.getMessage(), e);
            }
            s.setTcpNoDelay(true);
            return new DeviceLink(device, null, s, s.getInputStream(), s.getOutputStream());
        }
        Process p;
        try {
            p = new ProcessBuilder("/bin/sh", "-c", device).start();
        } catch (IOException e) {
            throw new IOException("cannot start device '" + device + "': " + e.getMessage(), e);
        }
        return new DeviceLink("'" + device + "' (PID " + p.pid() + ")", p, null, p.getInputStream(), p.getOutputStream());
    }

    /** The device as messages name it: its command line and PID, or its address. */
    public String description() {
        return description;
    }

    private void readLoop(InputStream in) {
        try {
            while (true) {
                frames.put(Frames.read(in));
            }
        } catch (IOException e) {
            frames.offer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainStderr() {
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException ignored) {
            // the process went; what it wrote before is kept
        }
    }

    /** Sends one frame. */
    public void send(byte type, ByteBuffer payload) throws IOException {
        Frames.write(out, type, payload);
    }

    /**
     * The next frame, waiting at most {@code timeoutMillis}; null when none came in time. A stream
     * that ended throws its IOException (EOFException for a device that went away).
     */
    public Frame receive(long timeoutMillis) throws IOException {
        Object o;
        try {
            o = frames.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the device", e);
        }
        if (o instanceof IOException e) {
            frames.offer(e); // every later receive reports it too
            throw e instanceof EOFException ? new EOFException(e.getMessage()) : new IOException(e.getMessage(), e);
        }
        return (Frame) o;
    }

    /** What is known of a device that failed: a process's exit code and its last lines on stderr. */
    public String diagnostics() {
        if (process == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        try {
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                b.append("; it exited with code ").append(process.exitValue());
            } else {
                b.append("; it is still running");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Thread.sleep(50); // let the stderr reader catch the last lines
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (stderrTail) {
            if (!stderrTail.isEmpty()) {
                b.append("; its last lines on stderr:\n  ").append(String.join("\n  ", stderrTail));
            }
        }
        return b.toString();
    }

    /** Says BYE (best effort), then closes the connection; a process gets a second to exit before it is killed. */
    @Override
    public void close() {
        try {
            send(Frames.BYE, null);
        } catch (IOException ignored) {
            // gone already
        }
        try {
            if (socket != null) {
                socket.close();
            }
            out.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (process != null) {
            try {
                if (!process.waitFor(1, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Kills the device at once (a process) or drops the connection, after a timeout. */
    public void abort() {
        if (process != null) {
            process.destroyForcibly();
        }
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // dropping it anyway
        }
    }
}
