package org.patengine.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patengine.engine.data.ImageAugmentation;
import org.patengine.engine.network.Network;
import org.patengine.kernels.Backends;
import org.patengine.sim.osc.Nonidealities;

/** The system, architecture and dataset catalogs: one entry per name, and the configuration asks them. */
class CatalogsTest {
    @TempDir
    Path dir;

    @Test
    void eachDatasetNamesItsDefaultNetworkAndAugmentation() {
        assertEquals(List.of("mnist", "fashion-mnist", "circle", "stripe", "quadrants"), DatasetCatalog.names());
        assertEquals("mnist-oscillators", DatasetCatalog.named("mnist").defaultArchitecture());
        assertEquals("fashion-patches", DatasetCatalog.named("Fashion-MNIST").defaultArchitecture());
        assertEquals("affine", DatasetCatalog.named("mnist").defaultAugmentation());
        assertEquals("hflip", DatasetCatalog.named("fashion-mnist").defaultAugmentation());
        assertEquals("none", DatasetCatalog.named("circle").defaultAugmentation());
        for (DatasetEntry d : DatasetCatalog.entries()) {
            Architecture a = Architectures.named(d.defaultArchitecture());
            assertEquals(d.images(), a.form().fromImages(), d.name() + "'s default network takes its kind of samples");
            ImageAugmentation.named(d.defaultAugmentation());
            assertTrue(d.images() || ImageAugmentation.named(d.defaultAugmentation()).isIdentity(), d.name());
        }
        assertEquals(4, DatasetCatalog.named("quadrants").classes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.named("cifar"));
        assertTrue(e.getMessage().contains("dataset 'cifar' is not one of [mnist, fashion-mnist, circle, stripe, quadrants]"),
                e.getMessage());
    }

    @Test
    void theOscillatorSystemListsThePresetsAndKnobsOfItsHardware() {
        assertEquals(List.of("oscillators"), SystemCatalog.names());
        SystemEntry osc = SystemCatalog.named("Oscillators");
        assertEquals(Nonidealities.PRESETS, osc.presets());
        assertEquals(Nonidealities.KNOBS, osc.knobs());
        osc.checkHardware("paper-gap", Map.of("readoutNoise", 0.01, "adcBits", 8.0));
        IllegalArgumentException knob = assertThrows(IllegalArgumentException.class,
                () -> osc.checkHardware("none", Map.of("noise", 1.0)));
        assertTrue(knob.getMessage().contains("unknown hardware knob 'noise'"), knob.getMessage());
        assertThrows(IllegalArgumentException.class, () -> osc.checkHardware("perfect", Map.of()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> SystemCatalog.named("shg"));
        assertTrue(unknown.getMessage().contains("system 'shg' is not one of [oscillators]"), unknown.getMessage());
    }

    @Test
    void everyArchitectureBuildsOnItsSystemWithItsInputSize() {
        for (Architecture a : Architectures.entries()) {
            assertTrue(SystemCatalog.names().contains(a.system()), a.name());
            Network net = Architectures.build(a.name(), 2, "none", 1, Backends.get());
            assertEquals(a.inputSize(), net.inputSize(), a.name());
            assertEquals(2, net.outputSize(), a.name());
        }
        assertEquals(List.of("toy-oscillators"), Architectures.namesFor(false));
        assertEquals(Architectures.names(), Architectures.namesOf("oscillators"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architectures.named("resnet"));
        assertTrue(e.getMessage().contains("unknown architecture 'resnet': expected one of [mnist-oscillators"), e.getMessage());
    }

    @Test
    void theConfigurationValidatesTheSystemAgainstTheCatalogs() {
        ExperimentConfig d = ExperimentConfig.defaults();
        assertEquals("oscillators", d.system());
        ExperimentConfig.Builder b = d.toBuilder();
        b.system = "shg";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.build().validate());
        assertTrue(e.getMessage().contains("system 'shg' is not one of [oscillators]"), e.getMessage());
        ExperimentConfig.Builder p = d.toBuilder();
        p.preset = "perfect";
        IllegalArgumentException preset = assertThrows(IllegalArgumentException.class, () -> p.build().validate());
        assertTrue(preset.getMessage().contains("preset 'perfect' is not one of [none, paper-gap]"), preset.getMessage());
        ExperimentConfig.Builder h = d.toBuilder();
        h.hardware.put("adcBits", 2.5);
        IllegalArgumentException knob = assertThrows(IllegalArgumentException.class, () -> h.build().validate());
        assertTrue(knob.getMessage().startsWith("hardware: adcBits must be a whole number of bits"), knob.getMessage());
    }

    @Test
    void aConfigWrittenBeforeSystemsHadNamesReadsAsTheOscillatorsOne() throws IOException {
        ExperimentConfig now = ExperimentConfig.defaults();
        String json = now.toJson();
        assertTrue(json.contains("\"architecture\" : \"mnist-oscillators\",\n  \"system\" : \"oscillators\",\n"),
                "system comes right after architecture: " + json);
        Path old = dir.resolve("config.json");
        Files.writeString(old, json.replace("  \"system\" : \"oscillators\",\n", ""));
        assertTrue(!Files.readString(old).contains("system"));
        ExperimentConfig read = ExperimentConfig.read(old);
        assertEquals(now, read, "an old config.json is the same configuration");
        assertEquals("", ExperimentConfig.firstDifference(now, read));
        // a summary.json of an old run holds its config without a system: read with defaults for missing fields
        ExperimentConfig.Builder b = now.toBuilder();
        b.system = null;
        assertEquals(now, b.build());
    }

    @Test
    void aConfigWrittenBeforeTheDeviceBoxReadsWithTheDefaultBox() throws IOException {
        ExperimentConfig now = ExperimentConfig.defaults();
        String json = now.toJson();
        String box = "  \"deviceBox\" : \"penalty\",\n  \"deviceBoxWeight\" : 1.0,\n  \"deviceBoxSharpness\" : 30.0,\n";
        assertTrue(json.contains(box), json);
        Path old = dir.resolve("config.json");
        Files.writeString(old, json.replace(box, ""));
        assertTrue(!Files.readString(old).contains("deviceBox"));
        ExperimentConfig read = ExperimentConfig.read(old);
        assertEquals(now, read, "an old config.json is the same configuration");
        assertEquals(org.patengine.engine.layer.DeviceBox.DEFAULT, read.deviceInputBox());
        // a summary.json of an old run holds its config without them
        ExperimentConfig.Builder b = now.toBuilder();
        b.deviceBox = null;
        assertEquals(now.deviceBox(), b.build().deviceBox());
        // and bad values are refused naming the field
        ExperimentConfig.Builder bad = now.toBuilder();
        bad.deviceBox = "soft";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.build().validate());
        assertTrue(e.getMessage().contains("deviceBox 'soft' is not one of [penalty, clamp]"), e.getMessage());
        ExperimentConfig.Builder weight = now.toBuilder();
        weight.deviceBoxWeight = -1;
        e = assertThrows(IllegalArgumentException.class, () -> weight.build().validate());
        assertTrue(e.getMessage().contains("deviceBoxWeight / deviceBoxSharpness: device box weight (λ) must be finite and >= 0, was -1"),
                e.getMessage());
    }

    @Test
    void aFileNamingAToyTaskGetsItsValidationSplit() throws IOException {
        Path file = dir.resolve("toy.json");
        Files.writeString(file, "{\"dataset\": \"circle\"}");
        ExperimentConfig c = ExperimentConfig.read(file);
        assertEquals(500, c.validation());
        assertEquals("toy-oscillators", c.architecture());
        Files.writeString(file, "{\"dataset\": \"circle\", \"validation\": 123}");
        assertEquals(123, ExperimentConfig.read(file).validation());
        assertEquals(6000, DatasetCatalog.named("mnist").defaultValidation());
    }
}
