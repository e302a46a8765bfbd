package org.patengine.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jocl.CL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patengine.kernels.BackendUnavailableException;

/** Parsing of {@code -Dpat.opencl.device} and the choice among devices; needs no OpenCL runtime. */
class OpenClDeviceSpecTest {

    @Test
    void parsesTheNamedChoicesInAnyCase() {
        assertEquals(OpenClDeviceSpec.Kind.DEFAULT, OpenClDeviceSpec.parse(null).kind());
        assertEquals(OpenClDeviceSpec.Kind.DEFAULT, OpenClDeviceSpec.parse("  ").kind());
        assertEquals(OpenClDeviceSpec.Kind.GPU, OpenClDeviceSpec.parse("gpu").kind());
        assertEquals(OpenClDeviceSpec.Kind.CPU, OpenClDeviceSpec.parse(" CPU ").kind());
        assertEquals(OpenClDeviceSpec.Kind.ANY, OpenClDeviceSpec.parse("Any").kind());
    }

    @Test
    void parsesPlatformAndDeviceIndices() {
        OpenClDeviceSpec s = OpenClDeviceSpec.parse("1:12");
        assertEquals(OpenClDeviceSpec.Kind.INDEX, s.kind());
        assertEquals(1, s.platformIndex());
        assertEquals(12, s.deviceIndex());
        assertEquals("1:12", s.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpuu", "0", "0:", ":0", "-1:0", "0:-1", "0:1:2", "a:b", "0 : 1", "1:9999999999", "opencl"})
    void rejectsBadValuesNamingPropertyValueAndForms(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenClDeviceSpec.parse(bad));
        assertTrue(e.getMessage().contains(OpenClDeviceSpec.PROPERTY), e.getMessage());
        assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("gpu, cpu, any or platformIndex:deviceIndex"), e.getMessage());
    }

    private static OpenClDevice fake(int p, int d, long type) {
        return new OpenClDevice(p, d, null, null, "platform" + p, "device" + p + d, type, 4, "OpenCL 3.0", 256, 1 << 30);
    }

    private static final OpenClDevice CPU0 = fake(0, 0, CL.CL_DEVICE_TYPE_CPU);
    private static final OpenClDevice GPU10 = fake(1, 0, CL.CL_DEVICE_TYPE_GPU | CL.CL_DEVICE_TYPE_DEFAULT);
    private static final OpenClDevice GPU11 = fake(1, 1, CL.CL_DEVICE_TYPE_GPU);

    @Test
    void defaultPrefersTheFirstGpuElseTheFirstDevice() {
        assertSame(GPU10, OpenClDevices.select(OpenClDeviceSpec.parse(null), List.of(CPU0, GPU10, GPU11)));
        assertSame(CPU0, OpenClDevices.select(OpenClDeviceSpec.parse(null), List.of(CPU0)));
    }

    @Test
    void namedTypesAndIndicesPickTheirDevice() {
        List<OpenClDevice> all = List.of(CPU0, GPU10, GPU11);
        assertSame(CPU0, OpenClDevices.select(OpenClDeviceSpec.parse("cpu"), all));
        assertSame(GPU10, OpenClDevices.select(OpenClDeviceSpec.parse("gpu"), all));
        assertSame(CPU0, OpenClDevices.select(OpenClDeviceSpec.parse("any"), all));
        assertSame(GPU11, OpenClDevices.select(OpenClDeviceSpec.parse("1:1"), all));
    }

    @Test
    void aMissingDeviceIsAnErrorListingTheDevices() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> OpenClDevices.select(OpenClDeviceSpec.parse("gpu"), List.of(CPU0)));
        assertTrue(e.getMessage().contains("no OpenCL GPU device") && e.getMessage().contains("0:0 device00 (CPU)"),
                e.getMessage());
        e = assertThrows(BackendUnavailableException.class,
                () -> OpenClDevices.select(OpenClDeviceSpec.parse("0:3"), List.of(CPU0, GPU10)));
        assertTrue(e.getMessage().contains("no OpenCL device 0:3") && e.getMessage().contains("1:0 device10 (GPU)"),
                e.getMessage());
    }

    @Test
    void descriptionNamesPlatformDeviceTypeUnitsAndVersion() {
        assertEquals("platform1 / device10 / GPU / 4 compute units / OpenCL 3.0", GPU10.description());
    }
}
