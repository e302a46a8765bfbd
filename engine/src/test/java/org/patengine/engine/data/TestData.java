package org.patengine.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;

/**
 * The datasets some tests read that are fetched into the data cache, not shipped: a test of one
 * is skipped when it is missing, or fails under {@code -Dpat.requireData=NAME[,NAME...]} (CI's,
 * after {@code .ci/run} fetched them), the way {@code -Dpat.requireBackend} makes the OpenCL tests fail.
 */
public final class TestData {
    public static final String REQUIRE_PROPERTY = "pat.requireData";

    private TestData() {
    }

    /** The fetched {@link DeterdingVowels#FILE}: in {@code $PAT_DATA/deterding}, else the repository's {@code .cache/data/deterding}. */
    public static Path deterdingOrSkip() {
        return fetchedOrSkip("deterding", DeterdingVowels.FILE, "the Deterding vowels", DeterdingVowels.FETCH);
    }

    /** The fetched {@link SklearnDigits#FILE}, in the data cache's {@code digits} folder. */
    public static Path digitsOrSkip() {
        return fetchedOrSkip("digits", SklearnDigits.FILE, "the 8x8 digits", SklearnDigits.FETCH);
    }

    private static Path fetchedOrSkip(String name, String fileName, String what, String fetch) {
        Path root = dataRoot();
        Path file = root == null ? null : root.resolve(name).resolve(fileName);
        if (file == null || !Files.isRegularFile(file)) {
            String why = what + " are not in the data cache (" + (file == null ? "no repository folder above "
                    + Path.of("").toAbsolutePath() : file) + "): fetch them with " + fetch;
            if (Arrays.asList(System.getProperty(REQUIRE_PROPERTY, "").split(",")).contains(name)) {
                fail(why + " (required by -D" + REQUIRE_PROPERTY + ")");
            }
            Assumptions.abort(why);
        }
        return file;
    }

    /** {@code $PAT_DATA}, else {@code .cache/data} of the first folder up from here that holds {@code scripts/fetch-data.sh}. */
    private static Path dataRoot() {
        String env = System.getenv("PAT_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/fetch-data.sh"))) {
                return p.resolve(".cache/data");
            }
        }
        return null;
    }

    /** Fails unless every feature of {@code d} lies in [0, 1] with 0 and 1 both taken: min-max scaled on this part. */
    public static void assertMinMaxScaled(Dataset d, int features) {
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        float[] x = new float[features];
        for (int i = 0; i < d.size(); i++) {
            d.input(i, x, 0);
            for (float v : x) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        assertEquals(0f, lo);
        assertEquals(1f, hi);
    }
}
