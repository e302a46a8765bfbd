package org.patengine.engine.experiment;

import java.util.List;

/**
 * The physical systems an experiment can train on, by name: one {@link SystemEntry} each. Adding
 * a system is adding its entry to {@link #ENTRIES}; the configuration's validation, the
 * {@code --system}, {@code --preset} and {@code --hardware} help and the architectures all read
 * from here.
 */
public final class SystemCatalog {
    /** The system of a configuration that names none (every run written before systems had names). */
    public static final String DEFAULT = OscillatorsEntry.NAME;

    private static final List<SystemEntry> ENTRIES = List.of(new OscillatorsEntry(), new ShgEntry(), new DigitalEntry());
    private static final Catalog<SystemEntry> CATALOG = new Catalog<>(ENTRIES, SystemEntry::name,
            n -> "system '" + n + "' is not one of ");

    private SystemCatalog() {
    }

    public static List<String> names() {
        return CATALOG.names();
    }

    public static List<SystemEntry> entries() {
        return CATALOG.entries();
    }

    /** The entry of that name (case-insensitive); an unknown name is an error naming the known ones. */
    public static SystemEntry named(String name) {
        return CATALOG.named(name);
    }

    /** Whether a system of that name exists (case-insensitive). */
    static boolean contains(String name) {
        return CATALOG.contains(name);
    }
}
