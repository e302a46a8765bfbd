package org.patengine.engine.experiment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run folder for the life of a run ({@code .lock} in the folder, holding the
 * holder's PID): a second process (or a second run in this one) that asks for it gets an error
 * naming the folder and the holder. The lock is the operating system's, so a holder that died
 * released it: a stale {@code .lock} file never blocks.
 */
final class RunLock implements AutoCloseable {
    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code dir} (which must exist), or throws naming the holder. */
    static RunLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // held by this process
        } catch (IOException e) {
            ch.close();
            throw new IOException(file + ": cannot lock the run folder: " + e.getMessage(), e);
        }
        if (l == null) {
            String holder = holder(file);
            ch.close();
            throw new IOException(dir + " is in use by another run (" + holder + "): wait for it to end, or use another --out");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(false);
        return new RunLock(ch, l);
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.isEmpty() ? "holder unknown" : "PID " + pid + (pid.equals(Long.toString(ProcessHandle.current().pid()))
                    ? ", this process" : "");
        } catch (IOException e) {
            return "holder unknown: " + e.getMessage();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
