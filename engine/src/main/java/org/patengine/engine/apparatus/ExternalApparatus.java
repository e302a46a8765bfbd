package org.patengine.engine.apparatus;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.patengine.engine.apparatus.Frames.Frame;
import org.patengine.sim.PhysicalSystem;

/**
 * A physical system in another process or on another machine, driven over the apparatus protocol
 * (docs/apparatus-protocol.md): the engine's stand-in for a lab's apparatus. {@code forward} sends
 * x and θ as float32 and waits for y; everything the device does wrong stops the call with an
 * {@link ApparatusException} that names the device, the request and what came back — an error
 * reply, no reply within the timeout, a device that went away, a reply of the wrong size or with
 * a non-finite value. Nothing is retried or patched up.
 *
 * <p>State: when the device announces it can save its state, checkpoints carry it (SAVE_STATE /
 * LOAD_STATE); otherwise a checkpoint writes none and a resumed run meets the device as it is.
 * Devices are closed (BYE) by {@link #close} or, for those still open, when the JVM exits.
 * Each call allocates its request and reply buffers: a device call costs milliseconds at least.
 */
public final class ExternalApparatus implements PhysicalSystem, AutoCloseable {
    private static final Set<ExternalApparatus> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(ExternalApparatus::close), "close devices"));
    }

    private final String device;
    private final DeviceLink link;
    private final Handshake hello;
    private final long timeoutMillis;
    private int request;

    private ExternalApparatus(String device, DeviceLink link, Handshake hello, long timeoutMillis) {
        this.device = device;
        this.link = link;
        this.hello = hello;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Starts or connects to {@code device} (a command line or {@code tcp://host:port}) and shakes
     * hands; {@code timeoutSeconds} bounds the handshake and every later request.
     */
    public static ExternalApparatus connect(String device, double timeoutSeconds) throws IOException {
        if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds)) {
            throw new IllegalArgumentException("the device timeout must be finite and > 0 seconds, was " + timeoutSeconds);
        }
        long timeout = Math.max(1, Math.round(timeoutSeconds * 1000));
        DeviceLink link = DeviceLink.open(device);
        try {
            ByteBuffer b = Frames.payload(4);
            b.putInt(Frames.VERSION);
            link.send(Frames.HELLO, b);
            Frame f = link.receive(timeout);
            if (f == null) {
                link.abort();
                throw new ApparatusException("device " + link.description() + " did not answer HELLO within "
                        + seconds(timeout) + link.diagnostics());
            }
            if (f.type() == Frames.ERROR) {
                throw new ApparatusException("device " + link.description() + " refused HELLO (protocol version " + Frames.VERSION
                        + "): " + errorMessage(f.payload()));
            }
            if (f.type() != Frames.HELLO_REPLY) {
                throw new ApparatusException("device " + link.description() + " answered HELLO with " + Frames.name(f.type())
                        + ", expected HELLO_REPLY");
            }
            Handshake h;
            try {
                h = Handshake.decode(f.payload());
            } catch (IllegalArgumentException e) {
                throw new ApparatusException("device " + link.description() + " sent a bad HELLO_REPLY: " + e.getMessage());
            }
            if (h.version() != Frames.VERSION) {
                throw new ApparatusException("device " + link.description() + " speaks protocol version " + h.version()
                        + ", the engine version " + Frames.VERSION);
            }
            ExternalApparatus a = new ExternalApparatus(device, link, h, timeout);
            OPEN.add(a);
            return a;
        } catch (IOException e) {
            String why = "device " + link.description() + " went away during the handshake" + link.diagnostics()
                    + (e instanceof EOFException ? "" : " (" + e.getMessage() + ")");
            link.abort();
            throw new ApparatusException(why);
        } catch (RuntimeException e) {
            link.abort();
            throw e;
        }
    }

    /** The handshake the device gave. */
    public Handshake handshake() {
        return hello;
    }

    @Override
    public String name() {
        return hello.name() + " at " + device;
    }

    @Override
    public int inputSize() {
        return hello.inputSize();
    }

    @Override
    public int outputSize() {
        return hello.outputSize();
    }

    @Override
    public int parameterSize() {
        return hello.parameterSize();
    }

    @Override
    public float parameterLower(int i) {
        return hello.lower()[i];
    }

    @Override
    public float parameterUpper(int i) {
        return hello.upper()[i];
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        int in = inputSize();
        int out = outputSize();
        int p = parameterSize();
        if (batch < 1 || x == null || x.length < batch * in || y == null || y.length < batch * out
                || theta == null || theta.length != p) {
            throw new IllegalArgumentException("device " + hello.name() + ": batch " + batch + " needs x of at least " + batch + " x "
                    + in + ", theta of " + p + " and y of at least " + batch + " x " + out + " values");
        }
        for (int i = 0; i < p; i++) {
            if (!(theta[i] >= parameterLower(i) && theta[i] <= parameterUpper(i))) {
                throw new IllegalArgumentException("theta[" + i + "] = " + theta[i] + " is outside the device's range ["
                        + parameterLower(i) + ", " + parameterUpper(i) + "]");
            }
        }
        for (int i = 0; i < batch * in; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i / in + ", " + i % in + "] = " + x[i] + ": expected a finite value");
            }
        }
        int id = ++request;
        ByteBuffer b = Frames.payload(8 + 4 * (batch * in + p));
        b.putInt(id).putInt(batch);
        for (int i = 0; i < batch * in; i++) {
            b.putFloat(x[i]);
        }
        for (int i = 0; i < p; i++) {
            b.putFloat(theta[i]);
        }
        String what = "request #" + id + " (FORWARD, batch " + batch + ")";
        Frame f = exchange(Frames.FORWARD, b, what);
        if (f.type() != Frames.FORWARD_REPLY) {
            throw fail(what, "answered with " + Frames.name(f.type()) + ", expected FORWARD_REPLY");
        }
        ByteBuffer r = f.payload();
        int expected = 8 + 4 * batch * out;
        if (r.remaining() != expected) {
            throw fail(what, "answered with " + r.remaining() + " bytes, expected " + expected + " (request id, batch, "
                    + batch + " x " + out + " float32)");
        }
        int gotId = r.getInt();
        int gotBatch = r.getInt();
        if (gotId != id || gotBatch != batch) {
            throw fail(what, "answered request #" + gotId + " with batch " + gotBatch);
        }
        for (int i = 0; i < batch * out; i++) {
            float v = r.getFloat();
            if (!Float.isFinite(v)) {
                throw fail(what, "answered y[" + i / out + ", " + i % out + "] = " + v + ": expected finite values");
            }
            y[i] = v;
        }
    }

    /** Sends a request and takes its reply: an ERROR reply, a timeout or a lost device is an exception. */
    private Frame exchange(byte type, ByteBuffer payload, String what) {
        Frame f;
        try {
            link.send(type, payload);
            f = link.receive(timeoutMillis);
        } catch (IOException e) {
            throw fail(what, (e instanceof EOFException ? "went away (" : "failed (") + e.getMessage() + ")" + link.diagnostics());
        }
        if (f == null) {
            link.abort();
            throw fail(what, "did not answer within " + seconds(timeoutMillis) + " (the timeout; --device-timeout sets it)"
                    + link.diagnostics());
        }
        if (f.type() == Frames.ERROR) {
            throw fail(what, "answered with an error: " + errorMessage(f.payload()));
        }
        return f;
    }

    private ApparatusException fail(String what, String how) {
        return new ApparatusException("device " + hello.name() + " " + link.description() + ", " + what + ": " + how);
    }

    private static String errorMessage(ByteBuffer b) {
        try {
            b.getInt(); // request id
            return Frames.getString(b);
        } catch (RuntimeException e) {
            return "(an ERROR frame without a readable message)";
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3g s", millis / 1000.0);
    }

    /** The device's state when it can save it (a length, then its bytes), else −1. */
    @Override
    public void saveState(DataOutput out) throws IOException {
        if (!hello.canSaveState()) {
            out.writeInt(-1);
            return;
        }
        int id = ++request;
        ByteBuffer b = Frames.payload(4);
        b.putInt(id);
        Frame f = exchange(Frames.SAVE_STATE, b, "request #" + id + " (SAVE_STATE)");
        if (f.type() != Frames.STATE || f.payload().remaining() < 4) {
            throw fail("request #" + id + " (SAVE_STATE)", "answered with " + Frames.name(f.type()) + ", expected STATE");
        }
        ByteBuffer r = f.payload();
        r.getInt();
        byte[] state = new byte[r.remaining()];
        r.get(state);
        out.writeInt(state.length);
        out.write(state);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return; // the device kept no state in the checkpoint
        }
        byte[] state = new byte[n];
        in.readFully(state);
        if (!hello.canSaveState()) {
            throw new IOException("the checkpoint holds " + n + " bytes of device state, but " + name() + " cannot load state");
        }
        int id = ++request;
        ByteBuffer b = Frames.payload(4 + n);
        b.putInt(id).put(state);
        Frame f = exchange(Frames.LOAD_STATE, b, "request #" + id + " (LOAD_STATE)");
        if (f.type() != Frames.OK) {
            throw fail("request #" + id + " (LOAD_STATE)", "answered with " + Frames.name(f.type()) + ", expected OK");
        }
    }

    /** Says BYE and closes the connection (a process is given a second, then killed). */
    @Override
    public void close() {
        if (OPEN.remove(this)) {
            link.close();
        }
    }
}
