package org.patengine.engine.apparatus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.Backends;
import org.patengine.sim.PhysicalSystem;
import org.patengine.sim.osc.Nonidealities;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.sim.osc.OscillatorSystem;
import org.patengine.kernels.osc.Topology;

/**
 * The apparatus protocol end to end: the engine's own hardware served over TCP answers exactly as
 * in process; PAT trains against the stdlib-Python toy device and resumes after it died; every
 * fault a device can commit stops the call with a message naming the device, the request and what
 * came back.
 */
class ExternalApparatusTest {
    /** The Python device, from the repository root (tests run in engine/). */
    static String toyDevice(String options) {
        Path script = Path.of("..", "examples", "devices", "toy_device.py").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(script), "missing " + script);
        return "python3 " + script + (options.isEmpty() ? "" : " " + options);
    }

    private static OscillatorSystem hardware(int n) {
        return new OscillatorSystem(new OscillatorSpec(n, Topology.ALL_TO_ALL, 5, 0.5f), 0f, Nonidealities.paperGap(3),
                Backends.get(BackendKind.SCALAR));
    }

    @Test
    void theEnginesHardwareServedOverTcpAnswersAsInProcess() throws Exception {
        OscillatorSystem served = hardware(6);
        OscillatorSystem local = hardware(6);
        try (ServerSocket server = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    new DeviceServer(served, "osc6").serve(s.getInputStream(), s.getOutputStream());
                } catch (IOException ignored) {
                    // the test fails on its side
                }
            });
            t.setDaemon(true);
            t.start();
            try (ExternalApparatus a = ExternalApparatus.connect("tcp://127.0.0.1:" + server.getLocalPort(), 10)) {
                assertEquals("osc6", a.handshake().name());
                assertEquals(local.parameterSize(), a.parameterSize());
                assertEquals(local.parameterUpper(0), a.parameterUpper(0));
                float[] x = new float[3 * 6];
                float[] theta = new float[local.parameterSize()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = 0.1f * (i % 7) - 0.3f;
                }
                for (int i = 0; i < theta.length; i++) {
                    theta[i] = Math.min(local.parameterUpper(i), Math.max(local.parameterLower(i), 0.05f * (i % 5)));
                }
                float[] expected = new float[18];
                float[] got = new float[18];
                for (int call = 0; call < 2; call++) { // noise included: both draw the same stream
                    local.forward(3, x, theta, expected);
                    a.forward(3, x, theta, got);
                    assertArrayEquals(expected, got, "call " + call);
                }
                theta[0] = 99f;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.forward(3, x, theta, got));
                assertTrue(e.getMessage().contains("theta[0] = 99.0 is outside the device's range"), e.getMessage());
                // the server refuses what its system refuses, and says so in an ERROR frame
                float[] wrongX = x.clone();
                wrongX[0] = 1e6f;
                ApparatusException err = assertThrows(ApparatusException.class, () -> a.forward(3, wrongX, clampTheta(local), got));
                assertTrue(err.getMessage().contains("request #3 (FORWARD, batch 3): answered with an error: x[0, 0] = 1000000.0"), err.getMessage());
            }
        }
    }

    private static float[] clampTheta(PhysicalSystem s) {
        float[] theta = new float[s.parameterSize()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = Math.max(s.parameterLower(i), Math.min(s.parameterUpper(i), 0f));
        }
        return theta;
    }

    @Test
    void everyDeviceFaultStopsTheCallNamingDeviceRequestAndReply() throws IOException {
        float[] x = new float[2 * 4];
        float[] y = new float[2 * 4];
        String[][] cases = {
            {"--die-after 1", "went away", "exited with code 3", "dying on purpose after 1 forwards"},
            {"--error-after 1", "answered with an error: the laser is off"},
            {"--nan-after 1", "answered y[0, 0] = NaN: expected finite values"},
            {"--bad-size-after 1", "answered with 36 bytes, expected 40"},
            {"--hang-after 1", "did not answer within 1.00 s (the timeout; --device-timeout sets it)"},
        };
        for (String[] c : cases) {
            try (ExternalApparatus a = ExternalApparatus.connect(toyDevice("--n 4 " + c[0]), 1)) {
                float[] theta = clampTheta(a);
                a.forward(2, x, theta, y); // the first forward is fine
                ApparatusException e = assertThrows(ApparatusException.class, () -> a.forward(2, x, theta, y), c[0]);
                assertTrue(e.getMessage().contains("toy-oscillators(4, python)") && e.getMessage().contains("request #2 (FORWARD, batch 2)"),
                        e.getMessage());
                for (int k = 1; k < c.length; k++) {
                    assertTrue(e.getMessage().contains(c[k]), c[0] + ": " + e.getMessage());
                }
            }
        }
        IOException none = assertThrows(IOException.class, () -> ExternalApparatus.connect("tcp://127.0.0.1:1", 1));
        assertTrue(none.getMessage().contains("cannot connect to device tcp://127.0.0.1:1"), none.getMessage());
        ApparatusException gone = assertThrows(ApparatusException.class, () -> ExternalApparatus.connect("exit 4", 2));
        assertTrue(gone.getMessage().contains("went away during the handshake; it exited with code 4"), gone.getMessage());
    }

    private static String[] pat(String... args) {
        return org.patengine.cli.CliRuns.run(args);
    }

    /**
     * PAT on the 2-D circle with both oscillator layers on the Python device learns; a device that
     * dies in epoch 2 stops the run with its message and leaves epoch 1's checkpoint, from which
     * --resume finishes once the device is back.
     */
    @Test
    void patTrainsAgainstThePythonDeviceAndResumesAfterItDied(@TempDir Path dir) throws IOException {
        Path faults = dir.resolve("faults");
        Files.writeString(faults, "--die-after 90"); // 63 steps an epoch: the first layer's device dies in epoch 2
        Path run = dir.resolve("run");
        String device = toyDevice("$(cat " + faults + ")");
        String[] r = pat("train", "--dataset", "circle", "--device", device, "--epochs", "2", "--train-samples", "2000",
                "--validation", "256", "--test-samples", "256", "--no-progress", "--out", run.toString());
        assertEquals("1", r[0], r[1] + r[2]);
        assertTrue(r[2].contains("went away") && r[2].contains("dying on purpose after 90 forwards"), r[2]);
        assertEquals(1, Files.readAllLines(run.resolve("metrics.jsonl")).size(), "epoch 1 was recorded and checkpointed");
        Files.writeString(faults, "");
        String[] resumed = pat("train", "--resume", run.toString(), "--no-progress");
        assertEquals("0", resumed[0], resumed[1] + resumed[2]);
        String summary = Files.readString(run.resolve("summary.json"));
        double acc = Double.parseDouble(summary.replaceAll("(?s).*\"testPhysicalAcc\"\\s*:\\s*([0-9.]+).*", "$1"));
        assertTrue(acc >= 0.75, "test accuracy on the device after 2 epochs " + acc + " (chance 0.5)");
        String[] mismatch = pat("train", "--dataset", "circle", "--device", toyDevice("--n 8"), "--out", dir.resolve("m").toString());
        assertTrue(mismatch[2].contains("has 8 inputs, 8 outputs and 44 parameters; the layer needs 16 inputs"), mismatch[2]);
        assertTrue(!Files.exists(dir.resolve("m")), "a refused start leaves nothing");
        String[] ideal = pat("train", "--dataset", "circle", "--mode", "ideal", "--device", toyDevice(""), "--out", dir.resolve("i").toString());
        assertEquals("1", ideal[0]);
        assertTrue(!Files.exists(dir.resolve("i")), ideal[2]);
    }

    /**
     * {@code pat serve --port} builds its k-th connection as layer k of the run's seed, so a run on
     * it over TCP is the in-process run, epoch for epoch and bit for bit.
     */
    @Test
    void aRunOnPatServeOverTcpIsTheInProcessRun(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int p = port;
        Thread server = new Thread(() -> pat("serve", "--port", Integer.toString(p), "--backend", "scalar"), "pat serve");
        server.setDaemon(true);
        server.start();
        String[] common = {"--dataset", "circle", "--epochs", "1", "--train-samples", "256", "--validation", "64", "--test-samples", "64",
            "--backend", "scalar", "--no-progress"};
        String[] local = pat(concat(new String[] {"train", "--out", dir.resolve("local").toString()}, common));
        assertEquals("0", local[0], local[1] + local[2]);
        String[] remote = null;
        for (int tries = 0; tries < 50; tries++) { // until the server listens
            remote = pat(concat(new String[] {"train", "--device", "tcp://127.0.0.1:" + p, "--out", dir.resolve("remote" + tries).toString()}, common));
            if (!remote[2].contains("cannot connect")) {
                assertEquals("0", remote[0], remote[1] + remote[2]);
                String a = Files.readString(dir.resolve("local/metrics.jsonl")).replaceAll("\"(samplesPerSecond|epochSeconds)\":[^,]*,", "");
                String b = Files.readString(dir.resolve("remote" + tries + "/metrics.jsonl")).replaceAll("\"(samplesPerSecond|epochSeconds)\":[^,]*,", "");
                assertEquals(a, b);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("pat serve did not listen: " + remote[2]);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
