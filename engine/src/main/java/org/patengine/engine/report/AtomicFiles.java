package org.patengine.engine.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader — or a run killed mid-write — never sees a half-written file: the
 * bytes go to a temporary file in the same folder, are forced to disk, and the temporary file is
 * renamed over the target in one atomic step. A write that fails names the file and the reason
 * (a full disk says "No space left on device" and which file it was writing); the temporary files
 * of a process killed mid-write are removed by {@link #removeOrphans} on the folder's next start.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    private static final String SUFFIX = ".tmp";

    /** Atomically replaces {@code target} with {@code bytes}; a failure names the file and why. */
    public static void write(Path target, byte[] bytes) throws IOException {
        try {
            replace(target, bytes);
        } catch (java.nio.file.FileSystemException e) {
            throw e; // names its file(s) already; the CLI adds the reason
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void replace(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it makes the file owner-only (0600), and the rename would leave run
        // folders unreadable to anyone else. CREATE_NEW gives a fresh file with the usual umask.
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().threadId() + "." + System.nanoTime() + SUFFIX);
        try {
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.CREATE_NEW)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(target + ": this file system cannot replace files atomically", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the temporary files in {@code dir} that {@link #write} left when its process died
     * mid-write (kill -9, power loss): {@code .<name>.<pid>.<thread>.<nanos>.tmp} of a PID that no
     * longer runs. Returns how many went. Call it while holding the folder's lock.
     */
    public static int removeOrphans(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                long pid = writerPid(p.getFileName().toString());
                if (pid > 0 && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true) && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** The PID in a temporary file's name as {@link #write} makes it, or −1 for any other name. */
    static long writerPid(String name) {
        if (!name.startsWith(".") || !name.endsWith(SUFFIX)) {
            return -1;
        }
        String[] parts = name.substring(0, name.length() - SUFFIX.length()).split("\\.");
        if (parts.length < 5) {
            return -1;
        }
        try {
            Long.parseLong(parts[parts.length - 1]);
            Long.parseLong(parts[parts.length - 2]);
            return Long.parseLong(parts[parts.length - 3]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Atomically replaces {@code target} with the UTF-8 text. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
