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
import org.patengine.sim.shg.ShgModel;
import org.patengine.sim.shg.ShgNonidealities;
import org.patengine.sim.shg.ShgSystem;

/** The system, architecture and dataset catalogs: one entry per name, and the configuration asks them. */
class CatalogsTest {
    @TempDir
    Path dir;

    @Test
    void eachDatasetNamesItsDefaultNetworkAndAugmentation() {
        assertEquals(List.of("mnist", "fashion-mnist", "circle", "stripe", "quadrants", "vowels", "deterding", "digits"), DatasetCatalog.names());
        assertEquals("mnist-oscillators", DatasetCatalog.named("mnist").defaultArchitecture());
        assertEquals("fashion-patches", DatasetCatalog.named("Fashion-MNIST").defaultArchitecture());
        assertEquals("affine", DatasetCatalog.named("mnist").defaultAugmentation());
        assertEquals("hflip", DatasetCatalog.named("fashion-mnist").defaultAugmentation());
        assertEquals("none", DatasetCatalog.named("circle").defaultAugmentation());
        for (DatasetEntry d : DatasetCatalog.entries()) {
            Architecture a = Architectures.named(d.defaultArchitecture());
            assertTrue(d.fits(a), d.name() + "'s default network takes its kind of samples");
            ImageAugmentation.named(d.defaultAugmentation());
            assertTrue(d.images() || ImageAugmentation.named(d.defaultAugmentation()).isIdentity(), d.name());
        }
        assertEquals(4, DatasetCatalog.named("quadrants").classes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.named("cifar"));
        assertTrue(e.getMessage().contains("dataset 'cifar' is not one of [mnist, fashion-mnist, circle, stripe, quadrants, vowels, deterding, digits]"),
                e.getMessage());
    }

    @Test
    void theOscillatorSystemListsThePresetsAndKnobsOfItsHardware() {
        assertEquals(List.of("oscillators", "shg", "digital"), SystemCatalog.names());
        SystemEntry osc = SystemCatalog.named("Oscillators");
        assertEquals(Nonidealities.PRESETS, osc.presets());
        assertEquals(Nonidealities.KNOBS, osc.knobs());
        osc.checkHardware("paper-gap", Map.of("readoutNoise", 0.01, "adcBits", 8.0));
        IllegalArgumentException knob = assertThrows(IllegalArgumentException.class,
                () -> osc.checkHardware("none", Map.of("noise", 1.0)));
        assertTrue(knob.getMessage().contains("unknown hardware knob 'noise'"), knob.getMessage());
        assertThrows(IllegalArgumentException.class, () -> osc.checkHardware("perfect", Map.of()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> SystemCatalog.named("laser"));
        assertTrue(unknown.getMessage().contains("system 'laser' is not one of [oscillators, shg, digital]"), unknown.getMessage());
        assertEquals("paper-gap", osc.defaultPreset());
        assertTrue(!osc.inputsInUnitBox());
    }

    @Test
    void theShgSystemListsThePresetsAndKnobsOfItsHardware() {
        SystemEntry shg = SystemCatalog.named("SHG");
        assertEquals(ShgNonidealities.PRESETS, shg.presets());
        assertEquals(List.of("none", "lab-gap"), shg.presets());
        assertEquals(ShgNonidealities.KNOBS, shg.knobs());
        assertEquals("lab-gap", shg.defaultPreset());
        assertTrue(shg.inputsInUnitBox(), "a pulse shaper's modulation lies in [0, 1]");
        shg.checkHardware("lab-gap", Map.of("readoutNoise", 0.01, "adcBits", 8.0));
        IllegalArgumentException knob = assertThrows(IllegalArgumentException.class,
                () -> shg.checkHardware("none", Map.of("couplingError", 1.0)));
        assertTrue(knob.getMessage().contains("unknown hardware knob 'couplingError': expected one of " + ShgNonidealities.KNOBS),
                knob.getMessage());
        IllegalArgumentException preset = assertThrows(IllegalArgumentException.class, () -> shg.checkHardware("paper-gap", Map.of()));
        assertTrue(preset.getMessage().contains("[none, lab-gap]"), preset.getMessage());
    }

    /** toy-shg: encoder, box, SHG 8 -> 8 (θ at 0.5), gain, box, SHG 8 -> C, output scale; the boxes take the configured settings. */
    @Test
    void theToyShgNetworkPutsADeviceBoxBeforeEverySHGLayer() {
        org.patengine.engine.layer.DeviceBox clamp = org.patengine.engine.layer.DeviceBox.of("clamp", 1, 30);
        Network net = Architectures.build("toy-shg", 3, "lab-gap", Map.of(), clamp, 1, Backends.get());
        List<org.patengine.engine.layer.Layer> l = net.layers();
        assertEquals(7, l.size(), net.toString());
        assertTrue(l.get(0) instanceof org.patengine.engine.layer.AffineLayer, net.toString());
        for (int i : new int[] {1, 4}) {
            org.patengine.engine.layer.DeviceInputBox box = (org.patengine.engine.layer.DeviceInputBox) l.get(i);
            assertEquals(clamp, box.box());
            var shg = (org.patengine.engine.layer.PhysicalLayer) l.get(i + 1);
            assertTrue(shg.system() instanceof ShgSystem, shg.name());
            assertTrue(shg.model() instanceof ShgModel, shg.name());
            assertEquals(Architectures.TOY_SHG_CHANNELS, shg.inputSize());
            assertEquals(Architectures.TOY_SHG_CHANNELS, ((ShgSystem) shg.system()).layout().parameterChannels());
        }
        assertEquals(Architectures.TOY_SHG_CHANNELS, l.get(2).outputSize());
        assertEquals(3, l.get(5).outputSize());
        assertEquals(3, net.outputSize());
        // θ of both SHG layers starts at 0.5, the lab code's
        var p = net.parameters();
        for (int s = 0; s < p.segmentCount(); s++) {
            if (p.segmentLayer(s) instanceof org.patengine.engine.layer.PhysicalLayer) {
                for (int i = p.segmentStart(s); i < p.segmentStart(s) + p.segmentLength(s); i++) {
                    assertEquals(0.5f, p.values()[i], 0f, p.describe(i));
                }
            }
        }
        // each layer's hidden mismatch from seed·1 000 003 + layer
        var first = ((ShgSystem) ((org.patengine.engine.layer.PhysicalLayer) l.get(2)).system()).nonidealities();
        var second = ((ShgSystem) ((org.patengine.engine.layer.PhysicalLayer) l.get(5)).system()).nonidealities();
        assertEquals(1_000_004L, first.seed());
        assertEquals(1_000_005L, second.seed());
        assertEquals(ShgNonidealities.labGap(1_000_004L), first);
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> Architectures.build("toy-shg", 9, "none", 1, Backends.get()));
        assertTrue(many.getMessage().contains("toy-shg reads at most 8 classes, the dataset has 9"), many.getMessage());
        // the oscillators take no box
        assertTrue(Architectures.build("toy-oscillators", 2, "none", 1, Backends.get()).layers().stream()
                .noneMatch(x -> x instanceof org.patengine.engine.layer.DeviceInputBox));
    }

    @Test
    void anOscillatorLayerRefusesDifferentInputAndOutputSizes() {
        SystemEntry.Layers layers = SystemCatalog.named("oscillators").layers("none", Map.of(), 1, Backends.get());
        Network.Builder b = Network.builder(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layers.append(b, 4, 3, 1, 1));
        assertTrue(e.getMessage().contains("inputs = outputs, but 4 inputs and 3 outputs were asked for"), e.getMessage());
    }

    @Test
    void aSystemWithoutAnArchitectureNamesTheDefaultsForEachDataset() {
        assertEquals("toy-shg", DatasetCatalog.named("circle").defaultArchitecture("shg"));
        assertEquals("toy-oscillators", DatasetCatalog.named("circle").defaultArchitecture("oscillators"));
        assertEquals("toy-oscillators", DatasetCatalog.named("circle").defaultArchitecture(null));
        assertEquals("mnist-shg", DatasetCatalog.named("mnist").defaultArchitecture("shg"));
        assertEquals("vowels-shg", DatasetCatalog.named("vowels").defaultArchitecture(null));
        assertEquals("vowels-mlp", DatasetCatalog.named("vowels").defaultArchitecture("digital"));
        assertEquals("vowels-shg", DatasetCatalog.named("deterding").defaultArchitecture("shg"));
        assertEquals("vowels-mlp", DatasetCatalog.named("deterding").defaultArchitecture("digital"));
        // the vowel MLP takes any feature count, so it is the toy tasks' digital network too
        assertEquals("vowels-mlp", DatasetCatalog.named("circle").defaultArchitecture("digital"));
        assertEquals(null, DatasetCatalog.named("vowels").defaultArchitecture("oscillators"));
        assertEquals(null, DatasetCatalog.named("fashion-mnist").defaultArchitecture("digital"));
    }

    @Test
    void aFileNamingShgGetsItsToyNetworkAndItsPreset(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("shg.yaml");
        Files.writeString(file, "dataset: circle\nsystem: shg\n");
        ExperimentConfig c = ExperimentConfig.read(file).validate();
        assertEquals("toy-shg", c.architecture());
        assertEquals("lab-gap", c.preset());
        assertEquals(500, c.validation());
        assertEquals(3e-2, c.learningRate());
        assertEquals(30, c.epochs()); // a toy task's epochs
        Files.writeString(file, "dataset: circle\nsystem: shg\nepochs: 4\n");
        assertEquals(4, ExperimentConfig.read(file).epochs());
        Files.writeString(file, "dataset: mnist\n");
        assertEquals(10, ExperimentConfig.read(file).epochs());
        Files.writeString(file, "dataset: circle\nsystem: shg\npreset: none\n");
        assertEquals("none", ExperimentConfig.read(file).preset());
    }

    @Test
    void everyArchitectureBuildsOnItsSystemWithItsInputSize() {
        for (Architecture a : Architectures.entries()) {
            assertTrue(SystemCatalog.names().contains(a.system()), a.name());
            if (a.inputSize() == Architecture.ANY_FEATURES) {
                // the vowel networks take any feature count: the Hillenbrand formants', the Deterding vowels', a toy task's
                for (int features : new int[] {12, 9, 2}) {
                    Network net = Architectures.build(a.name(), features, 0, 2, "none", Map.of(),
                            org.patengine.engine.layer.DeviceBox.DEFAULT, 1, Backends.get());
                    assertEquals(features, net.inputSize(), a.name());
                    assertEquals(2, net.outputSize(), a.name());
                }
                continue;
            }
            Network net = Architectures.build(a.name(), 2, "none", 1, Backends.get());
            assertEquals(a.inputSize(), net.inputSize(), a.name());
            assertEquals(2, net.outputSize(), a.name());
        }
        assertEquals(List.of("vowels-shg", "vowels-mlp"), Architectures.entries().stream()
                .filter(a -> a.inputSize() == Architecture.ANY_FEATURES).map(Architecture::name).toList());
        assertEquals(List.of("toy-oscillators", "digits-oscillators", "toy-shg", "vowels-shg", "vowels-mlp"), Architectures.namesFor(false));
        assertEquals(List.of("mnist-oscillators", "fashion-patches", "toy-oscillators", "digits-oscillators"), Architectures.namesOf("oscillators"));
        assertEquals(List.of("toy-shg", "vowels-shg", "mnist-shg"), Architectures.namesOf("shg"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architectures.named("resnet"));
        assertTrue(e.getMessage().contains("unknown architecture 'resnet': expected one of [mnist-oscillators"), e.getMessage());
    }

    @Test
    void theConfigurationValidatesTheSystemAgainstTheCatalogs() {
        ExperimentConfig d = ExperimentConfig.defaults();
        assertEquals("oscillators", d.system());
        ExperimentConfig.Builder b = d.toBuilder();
        b.system = "laser";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.build().validate());
        assertTrue(e.getMessage().contains("system 'laser' is not one of [oscillators, shg, digital]"), e.getMessage());
        ExperimentConfig.Builder shg = d.toBuilder();
        shg.system = "shg";
        e = assertThrows(IllegalArgumentException.class, () -> shg.build().validate());
        assertTrue(e.getMessage().contains("architecture mnist-oscillators is made of the system oscillators, not shg; architectures of shg: [toy-shg, vowels-shg, mnist-shg]"),
                e.getMessage());
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
        assertTrue(json.contains("\"architecture\" : \"mnist-oscillators\",\n  \"depth\" : 0,\n  \"system\" : \"oscillators\",\n"),
                "depth and system come right after architecture: " + json);
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
