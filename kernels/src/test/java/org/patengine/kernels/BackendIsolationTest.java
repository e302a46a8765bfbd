package org.patengine.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Backend code lives with its backend: in the main sources of every module, only
 * {@code org.patengine.kernels.simd} may use the Vector API ({@code jdk.incubator.vector}) and only
 * {@code org.patengine.kernels.opencl} may use JOCL ({@code org.jocl}), by import or by qualified
 * name in code (comments and a module name in a string do not count).
 */
class BackendIsolationTest {
    private static final List<String> MODULES = List.of("kernels", "native-sim", "engine", "jmh-benchmarks");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private record Rule(String api, Pattern use, String home) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("jdk.incubator.vector", Pattern.compile("(?<![\\w.])jdk\\.incubator\\.vector\\.[A-Za-z*]"),
                    "org.patengine.kernels.simd"),
            new Rule("org.jocl", Pattern.compile("(?<![\\w.])org\\.jocl\\.[A-Za-z*]"), "org.patengine.kernels.opencl"));

    @Test
    void onlyTheBackendPackagesUseTheirLibraries() throws IOException {
        Path root = repositoryRoot();
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (String module : MODULES) {
            Path src = root.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(src), "main sources of module " + module + " not found at " + src);
            List<Path> sources;
            try (Stream<Path> walk = Files.walk(src)) {
                sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path file : sources) {
                files++;
                String text = Files.readString(file);
                Matcher pm = PACKAGE.matcher(text);
                String pkg = pm.find() ? pm.group(1) : "";
                String code = withoutComments(text);
                for (Rule r : RULES) {
                    if (pkg.equals(r.home) || pkg.startsWith(r.home + ".")) {
                        continue;
                    }
                    Matcher m = r.use.matcher(code);
                    if (m.find()) {
                        violations.add(root.relativize(file) + " (package " + pkg + ") uses " + r.api
                                + ": only " + r.home + " may");
                    }
                }
            }
        }
        assertTrue(files > 50, "scanned only " + files + " source files under " + root);
        assertTrue(violations.isEmpty(), "backend libraries used outside their backend package: " + violations);
    }

    /** The source with block and line comments blanked (string literals kept). */
    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') { // a string literal: copy through its closing quote
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != '"' && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, s.length());
                out.append(s, i, j);
                i = j;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    @Test
    void commentsDoNotCountButCodeDoes() {
        Pattern vector = RULES.get(0).use;
        assertTrue(!vector.matcher(withoutComments("/** uses {@link jdk.incubator.vector.FloatVector} */ class A {}")).find());
        assertTrue(!vector.matcher(withoutComments("// import jdk.incubator.vector.FloatVector;\nclass A {}")).find());
        assertTrue(vector.matcher(withoutComments("import jdk.incubator.vector.FloatVector;")).find());
        assertTrue(vector.matcher(withoutComments("var v = jdk.incubator.vector.FloatVector.zero(s);")).find());
        assertTrue(!vector.matcher(withoutComments("String m = \"--add-modules jdk.incubator.vector\";")).find());
    }

    /** The directory above this module (surefire runs in the module's directory). */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("kernels")) && Files.isDirectory(p.resolve("engine"))
                    && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root (with kernels/ and engine/) not found above " + dir);
    }
}
