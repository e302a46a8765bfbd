package org.patengine.engine.apparatus;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The apparatus protocol's framing (docs/apparatus-protocol.md): every message is
 * {@code u32 length, u8 type, payload}, little-endian, where length counts the type byte and the
 * payload. Message types, the version, and little helpers to build and read payloads.
 */
public final class Frames {
    public static final int VERSION = 1;
    /** A frame larger than this is refused as a broken stream (256 MiB). */
    public static final int MAX_FRAME = 1 << 28;

    public static final byte HELLO = 1;
    public static final byte HELLO_REPLY = 2;
    public static final byte FORWARD = 3;
    public static final byte FORWARD_REPLY = 4;
    public static final byte ERROR = 5;
    public static final byte BYE = 6;
    public static final byte SAVE_STATE = 7;
    public static final byte STATE = 8;
    public static final byte LOAD_STATE = 9;
    public static final byte OK = 10;

    /** Handshake flags. */
    public static final int CAN_SAVE_STATE = 1;

    private Frames() {
    }

    /** One frame: its type and payload (positioned at 0, little-endian). */
    public record Frame(byte type, ByteBuffer payload) {
    }

    /** The name of a message type, for messages. */
    public static String name(byte type) {
        return switch (type) {
            case HELLO -> "HELLO";
            case HELLO_REPLY -> "HELLO_REPLY";
            case FORWARD -> "FORWARD";
            case FORWARD_REPLY -> "FORWARD_REPLY";
            case ERROR -> "ERROR";
            case BYE -> "BYE";
            case SAVE_STATE -> "SAVE_STATE";
            case STATE -> "STATE";
            case LOAD_STATE -> "LOAD_STATE";
            case OK -> "OK";
            default -> "unknown type " + (type & 0xFF);
        };
    }

    /** A payload buffer of {@code bytes}, little-endian. */
    public static ByteBuffer payload(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a frame of {@code type} with {@code payload}'s bytes from 0 to its position, and flushes. */
    public static void write(OutputStream out, byte type, ByteBuffer payload) throws IOException {
        int n = payload == null ? 0 : payload.position();
        ByteBuffer head = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(n + 1).put(type);
        out.write(head.array());
        if (n > 0) {
            out.write(payload.array(), payload.arrayOffset(), n);
        }
        out.flush();
    }

    /** Reads one frame; EOFException at a clean end of the stream before a frame starts. */
    public static Frame read(InputStream in) throws IOException {
        byte[] head = in.readNBytes(4);
        if (head.length == 0) {
            throw new EOFException("the stream ended");
        }
        if (head.length < 4) {
            throw new EOFException("the stream ended inside a frame's length");
        }
        int length = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (length < 1 || length > MAX_FRAME) {
            throw new IOException("a frame length of " + Integer.toUnsignedString(length) + " bytes (expected 1 to " + MAX_FRAME
                    + "): not this protocol, or a broken stream");
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("the stream ended inside a frame (" + body.length + " of " + length + " bytes)");
        }
        ByteBuffer payload = ByteBuffer.wrap(body, 1, length - 1).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new Frame(body[0], payload);
    }

    /** Appends a string as {@code u16 length, UTF-8 bytes}. */
    public static void putString(ByteBuffer b, String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(u.length, 0xFFFF);
        b.putShort((short) n).put(u, 0, n);
    }

    /** The bytes {@link #putString} needs. */
    public static int stringBytes(String s) {
        return 2 + Math.min(s.getBytes(StandardCharsets.UTF_8).length, 0xFFFF);
    }

    /** Reads a string written by {@link #putString}. */
    public static String getString(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        byte[] u = new byte[n];
        b.get(u);
        return new String(u, StandardCharsets.UTF_8);
    }
}
