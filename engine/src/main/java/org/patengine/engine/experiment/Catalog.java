package org.patengine.engine.experiment;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Entries looked up by name, case-insensitively: the one mechanism behind {@link SystemCatalog},
 * {@link Architectures} and {@link DatasetCatalog}, so that each of them is only its list of entries.
 *
 * @param <E> the entry type
 */
final class Catalog<E> {
    private final List<E> entries;
    private final List<String> names;
    private final Function<String, String> unknown;

    /**
     * @param entries the entries, in the order help and listings show them
     * @param name    an entry's (lower-case) name
     * @param unknown the start of the error for an unknown name, e.g. {@code n -> "dataset '" + n + "' is not one of "};
     *                the known names follow
     */
    Catalog(List<E> entries, Function<E, String> name, Function<String, String> unknown) {
        this.entries = List.copyOf(entries);
        this.names = this.entries.stream().map(name).toList();
        this.unknown = unknown;
    }

    List<String> names() {
        return names;
    }

    List<E> entries() {
        return entries;
    }

    /** The entry of that name (case-insensitive); an unknown name is an error naming the known ones. */
    E named(String name) {
        int i = name == null ? -1 : names.indexOf(name.toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw new IllegalArgumentException(unknown.apply(name) + names);
        }
        return entries.get(i);
    }

    /** Whether an entry of that name exists (case-insensitive). */
    boolean contains(String name) {
        return name != null && names.contains(name.toLowerCase(Locale.ROOT));
    }
}
