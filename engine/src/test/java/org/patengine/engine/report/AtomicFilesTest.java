package org.patengine.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic replacement, and the clean-up of what a writer killed mid-write left behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWriteReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("summary.json");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the target");
        }
    }

    @Test
    void theTemporaryFilesOfADeadWriterAreRemovedThoseOfALiveOneKept() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        long alive = ProcessHandle.current().pid();
        Path orphan = Files.writeString(dir.resolve(".checkpoint.bin." + dead + ".1.123456789.tmp"), "half");
        Path writing = Files.writeString(dir.resolve(".metrics.csv." + alive + ".1.987654321.tmp"), "in progress");
        Path other = Files.writeString(dir.resolve(".notes.tmp"), "a user's file");
        Path data = Files.writeString(dir.resolve("checkpoint.bin"), "whole");
        assertEquals(1, AtomicFiles.removeOrphans(dir));
        assertFalse(Files.exists(orphan));
        assertTrue(Files.exists(writing) && Files.exists(other) && Files.exists(data));
        assertEquals(0, AtomicFiles.removeOrphans(dir.resolve("missing")));
    }

    @Test
    void onlyTheWritersOwnNamesAreRead() {
        assertEquals(42, AtomicFiles.writerPid(".a.b.42.7.99.tmp"));
        assertEquals(-1, AtomicFiles.writerPid("a.42.7.99.tmp"));
        assertEquals(-1, AtomicFiles.writerPid(".a.x.7.99.tmp"));
        assertEquals(-1, AtomicFiles.writerPid(".a.42.7.99"));
        assertEquals(-1, AtomicFiles.writerPid(".42.7.tmp"));
    }
}
