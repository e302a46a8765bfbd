package org.patengine.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jocl.CL;
import org.jocl.cl_program;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendStatus;

/** The shared context: program building and its errors, probing and device selection on this machine. */
class OpenClContextTest {

    @Test
    void brokenSourceFailsWithTheBuildLog() {
        OpenClContext cl = OpenClTestSupport.contextOrSkip();
        String source = "__kernel void broken(__global float* x) { x[0] = no_such_variable; }";
        OpenClBuildException e = assertThrows(OpenClBuildException.class, () -> cl.build("broken.cl", source, ""));
        assertTrue(e.getMessage().contains("'broken.cl'") && e.getMessage().contains(cl.device().name()), e.getMessage());
        assertTrue(e.buildLog().contains("no_such_variable"), "build log: " + e.buildLog());
        assertTrue(e.getMessage().contains(e.buildLog()), e.getMessage());
    }

    @Test
    void aMissingResourceIsNamed() {
        OpenClContext cl = OpenClTestSupport.contextOrSkip();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cl.program(OpenClBackend.class, "no-such-kernel.cl", ""));
        assertTrue(e.getMessage().contains("org/patengine/kernels/opencl/no-such-kernel.cl"), e.getMessage());
    }

    @Test
    void programsAreBuiltOncePerResourceAndOptions() {
        OpenClContext cl = OpenClTestSupport.contextOrSkip();
        new OpenClBackend().close(); // makes sure the backend's programs exist
        long rts = cl.device().maxWorkGroupSize() >= 256 ? 16 : 8;
        cl_program p = cl.program(OpenClBackend.class, List.of(OpenClHost.TILE_PRODUCT, "gemm.cl"), "-DRTS=" + rts);
        assertSame(p, OpenClHost.tiledProgram(cl, OpenClBackend.class, "gemm.cl", "-DRTS=" + rts));
    }

    @Test
    void theTiledProductIsOneSourceThatTheProgramsShare() {
        OpenClContext cl = OpenClTestSupport.contextOrSkip();
        // gemm.cl alone does not build: its tiles come from tile_product.cl
        assertThrows(OpenClBuildException.class, () -> cl.program(OpenClBackend.class, "gemm.cl", "-DRTS=8"));
    }

    @Test
    void probeDescribesTheSelectedDevice() {
        OpenClContext cl = OpenClTestSupport.contextOrSkip();
        BackendStatus s = OpenClBackend.probe();
        assertTrue(s.available(), s.detail());
        assertEquals(cl.device().description(), s.detail());
        assertTrue(s.detail().contains(" compute units / OpenCL "), s.detail());
        assertEquals(cl.device().isGpu(), OpenClBackend.defaultDeviceIsGpu());
    }

    @Test
    void probeReportsABadDeviceProperty() {
        OpenClTestSupport.contextOrSkip();
        for (String value : new String[] {"gpux", "7:7"}) {
            BackendStatus s = withDeviceProperty(value);
            assertFalse(s.available());
            assertTrue(s.detail().contains(OpenClDeviceSpec.PROPERTY) && s.detail().contains(value), s.detail());
        }
        List<OpenClDevice> all = OpenClDevices.list();
        OpenClDevice last = all.get(all.size() - 1);
        BackendStatus s = withDeviceProperty(last.platformIndex() + ":" + last.deviceIndex());
        assertTrue(s.available(), s.detail());
        assertEquals(last.description(), s.detail());
    }

    private static BackendStatus withDeviceProperty(String value) {
        String old = System.getProperty(OpenClDeviceSpec.PROPERTY);
        System.setProperty(OpenClDeviceSpec.PROPERTY, value);
        try {
            return OpenClBackend.probe();
        } finally {
            if (old == null) {
                System.clearProperty(OpenClDeviceSpec.PROPERTY);
            } else {
                System.setProperty(OpenClDeviceSpec.PROPERTY, old);
            }
        }
    }

    /** Run in a child JVM whose ICD loader finds no vendor file. */
    public static final class ProbeMain {
        public static void main(String[] args) {
            BackendStatus s = OpenClBackend.probe();
            System.out.println("available=" + s.available() + " detail=" + s.detail());
        }
    }

    @Test
    void withoutAnyPlatformTheProbeSaysSo(@TempDir Path emptyVendors) throws Exception {
        // ocl-icd reads the vendor list from OCL_ICD_VENDORS instead of /etc/OpenCL/vendors
        OpenClTestSupport.contextOrSkip();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ProbeMain.class.getName());
        pb.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish: " + text);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("available=false detail=no OpenCL platform found"), text);
    }

    @Test
    void exceptionsAreEnabled() {
        OpenClTestSupport.contextOrSkip();
        assertThrows(org.jocl.CLException.class,
                () -> CL.clCreateBuffer(OpenClContext.shared().context(), CL.CL_MEM_READ_WRITE, 0, null, null));
    }
}
