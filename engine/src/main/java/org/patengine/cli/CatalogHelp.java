package org.patengine.cli;

import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.patengine.engine.experiment.Architecture;
import org.patengine.engine.experiment.Architectures;
import org.patengine.engine.experiment.DatasetCatalog;
import org.patengine.engine.experiment.DatasetEntry;
import org.patengine.engine.experiment.SystemCatalog;
import org.patengine.engine.experiment.SystemEntry;

/**
 * The help texts of the options whose choices are catalog entries (datasets, architectures,
 * systems, presets, knobs), written from the catalogs so that a new entry shows up in
 * {@code pat train --help} without editing the command line. Picocli reads them by the options'
 * {@code descriptionKey}; a literal percent sign is written {@code %%} (the texts are format strings).
 */
final class CatalogHelp extends ListResourceBundle {

    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"dataset", orList(DatasetCatalog.names()) + "."},
            {"architecture", "The network (default: the dataset's own): " + orList(Architectures.entries().stream()
                    .map(a -> a.name() + " (" + a.summary() + defaultOf(a) + ")").toList()) + "."},
            {"system", "The physical system the network is made of (default: the architecture's): "
                    + orList(SystemCatalog.names()) + "."},
            {"preset", "Non-idealities of the physical system: " + presets() + "."},
            {"hardware", "Change knobs of the preset's hardware, e.g. readoutNoise=0.01,adcBits=8. Knobs: " + knobs() + "."},
            // pat eval re-measures a saved run: the options change the run's hardware
            {"pat.eval.preset", "Evaluate on hardware with these non-idealities instead: " + presets() + "."},
            {"pat.eval.hardware", "Change knobs of the hardware (on top of the run's, or of --preset's), e.g. "
                    + "actuationNoise=0.05,adcBits=6. Knobs: " + knobs() + "."},
            {"pat.eval.seed", "Seed of the hardware's hidden mismatch and noise (default: the run's)."},
            {"pat.eval.system", "The run's physical system (it cannot change: the parameters are its): " + orList(SystemCatalog.names()) + "."},
            // pat gap measures one layer of a system
            {"pat.gap.system", "The physical system (default: " + SystemCatalog.DEFAULT + "): " + orList(SystemCatalog.names()) + "."},
            {"pat.gap.preset", "Non-idealities of the hardware (default: the system's reality gap, "
                    + perSystem(SystemEntry::defaultPreset) + "): " + presets() + "."},
        };
    }

    private static String presets() {
        return perSystem(s -> orList(s.presets()));
    }

    private static String knobs() {
        return perSystem(s -> s.knobs().isEmpty() ? "none" : String.join(", ", s.knobs()));
    }

    /**
     * "; mnist's default" for the datasets that train this architecture when none is named (on its
     * system: "; the default of circle, stripe and quadrants with --system shg" off the default one).
     */
    private static String defaultOf(Architecture a) {
        List<String> datasets = DatasetCatalog.entries().stream().filter(d -> a.name().equals(d.defaultArchitecture(a.system())))
                .map(DatasetEntry::name).toList();
        String on = a.system().equalsIgnoreCase(SystemCatalog.DEFAULT) ? "" : " with --system " + a.system();
        return switch (datasets.size()) {
            case 0 -> "";
            case 1 -> "; " + datasets.get(0) + "'s default" + on;
            default -> "; the default of " + andList(datasets) + on;
        };
    }

    /** The system's list alone when there is one system, else "name: list" per system. */
    private static String perSystem(Function<SystemEntry, String> list) {
        List<SystemEntry> systems = SystemCatalog.entries();
        if (systems.size() == 1) {
            return list.apply(systems.get(0));
        }
        return systems.stream().map(s -> s.name() + ": " + list.apply(s)).collect(Collectors.joining("; "));
    }

    private static String orList(List<String> items) {
        return joinLast(items, " or ");
    }

    private static String andList(List<String> items) {
        return joinLast(items, " and ");
    }

    private static String joinLast(List<String> items, String last) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }

    /** Every key, for the test that each catalog-backed option finds its text. */
    static Map<String, String> texts() {
        return java.util.Arrays.stream(new CatalogHelp().getContents())
                .collect(Collectors.toMap(e -> (String) e[0], e -> (String) e[1]));
    }
}
