package org.patengine.engine.experiment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import org.patengine.engine.report.AtomicFiles;
import org.patengine.engine.train.Trainer;

/**
 * Trainer checkpoints on disk: a magic number, a format version, the payload length, the payload
 * ({@link Trainer#saveState}) and its CRC-32. Written atomically, so a run killed at any moment
 * leaves either the previous checkpoint or the new one, never a torn file; a truncated or altered
 * file is refused with a message naming it.
 */
public final class Checkpoints {
    private static final long MAGIC = 0x50415443484B5054L; // "PATCHKPT"
    private static final int VERSION = 1;

    private Checkpoints() {
    }

    /** Atomically writes the trainer's state to {@code file}. */
    public static void write(Path file, Trainer trainer) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(1 << 16);
        trainer.saveState(new DataOutputStream(payload));
        byte[] body = payload.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        ByteArrayOutputStream all = new ByteArrayOutputStream(body.length + 32);
        DataOutputStream out = new DataOutputStream(all);
        out.writeLong(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(body.length);
        out.write(body);
        out.writeLong(crc.getValue());
        out.flush();
        AtomicFiles.write(file, all.toByteArray());
    }

    /** Restores {@code file} into the trainer (built with the same configuration). */
    public static void read(Path file, Trainer trainer) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readLong() != MAGIC) {
                throw new IOException(file + ": not a pat-engine checkpoint (wrong magic number)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + ": checkpoint format version " + version + ", this build reads " + VERSION);
            }
            int length = in.readInt();
            if (length < 0 || length > bytes.length - 24) {
                throw new IOException(file + ": truncated checkpoint: the header announces " + length
                        + " payload bytes, the file has " + Math.max(0, bytes.length - 24));
            }
            byte[] body = new byte[length];
            in.readFully(body);
            long stored = in.readLong();
            CRC32 crc = new CRC32();
            crc.update(body);
            if (crc.getValue() != stored) {
                throw new IOException(file + ": checkpoint is corrupt (CRC-32 mismatch)");
            }
            if (in.read() != -1) {
                throw new IOException(file + ": unexpected bytes after the checkpoint");
            }
            try {
                trainer.restoreState(new DataInputStream(new ByteArrayInputStream(body)));
            } catch (IOException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        } catch (EOFException e) {
            throw new IOException(file + ": truncated checkpoint", e);
        }
    }
}
