package org.patengine.engine.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path dir;

    @Test
    void atomicWriteReplacesAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("sub/out.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count());
        }
        // the same permissions as a file written plainly (the umask's), not a temporary file's owner-only 0600
        Path plain = dir.resolve("sub/plain.txt");
        Files.writeString(plain, "x");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
        }
    }

    @Test
    void confusionMatrixCountsAndRejectsBadClasses() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        cm.add(0, 0);
        cm.add(1, 2);
        cm.add(2, 2);
        cm.add(2, 2);
        assertEquals(0.75, cm.accuracy(), 1e-12);
        assertArrayEquals(new long[] {0, 0, 1}, cm.rows()[1]);
        assertThrows(IllegalArgumentException.class, () -> cm.add(3, 0));
    }

    @Test
    void plotsArePngFiles() throws IOException {
        Path curves = dir.resolve("curves.png");
        Plots.lines(curves, "t", "epoch", "accuracy", new double[] {1, 2, 3},
                Plots.series("a", new double[] {0.5, 0.6, Double.NaN}, "b", new double[] {0.4, 0.5, 0.7}));
        ConfusionMatrix cm = new ConfusionMatrix(2);
        cm.add(0, 1);
        cm.add(1, 1);
        Path conf = dir.resolve("confusion.png");
        Plots.confusion(conf, "c", cm);
        for (Path p : new Path[] {curves, conf}) {
            byte[] b = Files.readAllBytes(p);
            assertTrue(b.length > 1000 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', p.toString());
        }
    }
}
