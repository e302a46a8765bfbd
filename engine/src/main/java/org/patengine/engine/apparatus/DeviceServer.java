package org.patengine.engine.apparatus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import org.patengine.engine.apparatus.Frames.Frame;
import org.patengine.sim.PhysicalSystem;

/**
 * The device side of the apparatus protocol, answering for a {@link PhysicalSystem} of this
 * engine: so any built-in simulated system can also be served out of process ({@code pat serve}),
 * and the client is tested against a server that follows the protocol document. A forward that
 * throws is answered with an ERROR frame carrying the exception's message; the server goes on.
 */
public final class DeviceServer {
    private final PhysicalSystem system;
    private final String name;

    public DeviceServer(PhysicalSystem system, String name) {
        this.system = system;
        this.name = name;
    }

    /** The handshake this server gives (it can save state: the system's {@code saveState}). */
    public Handshake handshake() {
        int p = system.parameterSize();
        float[] lower = new float[p];
        float[] upper = new float[p];
        for (int i = 0; i < p; i++) {
            lower[i] = system.parameterLower(i);
            upper[i] = system.parameterUpper(i);
        }
        return new Handshake(Frames.VERSION, name, system.inputSize(), system.outputSize(), lower, upper, Frames.CAN_SAVE_STATE);
    }

    /** Answers frames from {@code in} on {@code out} until BYE or the end of the stream. */
    public void serve(InputStream in, OutputStream out) throws IOException {
        while (true) {
            Frame f;
            try {
                f = Frames.read(in);
            } catch (EOFException e) {
                return;
            }
            ByteBuffer p = f.payload();
            switch (f.type()) {
                case Frames.HELLO -> {
                    int version = p.getInt();
                    if (version != Frames.VERSION) {
                        error(out, 0, "this device speaks protocol version " + Frames.VERSION + ", not " + version);
                    } else {
                        Frames.write(out, Frames.HELLO_REPLY, handshake().encode());
                    }
                }
                case Frames.FORWARD -> forward(p, out);
                case Frames.SAVE_STATE -> {
                    int id = p.getInt();
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    system.saveState(new DataOutputStream(bytes));
                    ByteBuffer b = Frames.payload(4 + bytes.size());
                    b.putInt(id).put(bytes.toByteArray());
                    Frames.write(out, Frames.STATE, b);
                }
                case Frames.LOAD_STATE -> {
                    int id = p.getInt();
                    byte[] state = new byte[p.remaining()];
                    p.get(state);
                    try {
                        system.restoreState(new DataInputStream(new ByteArrayInputStream(state)));
                        ByteBuffer b = Frames.payload(4);
                        b.putInt(id);
                        Frames.write(out, Frames.OK, b);
                    } catch (IOException | RuntimeException e) {
                        error(out, id, "cannot load this state: " + e.getMessage());
                    }
                }
                case Frames.BYE -> {
                    return;
                }
                default -> error(out, 0, "unexpected message " + Frames.name(f.type()));
            }
        }
    }

    private void forward(ByteBuffer p, OutputStream out) throws IOException {
        int id = p.getInt();
        int batch = p.getInt();
        int in = system.inputSize();
        int params = system.parameterSize();
        long expected = 4L * ((long) batch * in + params);
        if (batch < 1 || p.remaining() != expected) {
            error(out, id, "FORWARD of batch " + batch + " needs " + expected + " bytes of x and theta, got " + p.remaining());
            return;
        }
        float[] x = new float[batch * in];
        float[] theta = new float[params];
        for (int i = 0; i < x.length; i++) {
            x[i] = p.getFloat();
        }
        for (int i = 0; i < params; i++) {
            theta[i] = p.getFloat();
        }
        float[] y = new float[batch * system.outputSize()];
        try {
            system.forward(batch, x, theta, y);
        } catch (RuntimeException e) {
            error(out, id, e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        ByteBuffer b = Frames.payload(8 + 4 * y.length);
        b.putInt(id).putInt(batch);
        for (float v : y) {
            b.putFloat(v);
        }
        Frames.write(out, Frames.FORWARD_REPLY, b);
    }

    private static void error(OutputStream out, int id, String message) throws IOException {
        ByteBuffer b = Frames.payload(4 + Frames.stringBytes(message));
        b.putInt(id);
        Frames.putString(b, message);
        Frames.write(out, Frames.ERROR, b);
    }
}
