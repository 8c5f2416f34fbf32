package dev.berth.scan.detect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of an rpm header blob that identify a package, as stored in the {@code Packages} table of an rpm
 * sqlite database. The blob is a header without its 8-byte magic: big-endian index count and data length, then the
 * index entries (tag, type, offset, count; 16 bytes each), then the data store. Every offset is checked against the
 * data store; a malformed blob is refused with {@link IllegalArgumentException}.
 */
public record RpmHeader(String name, Optional<Integer> epoch, String version, String release, String arch,
                        String sourceRpm) {
    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int ARCH = 1022;
    static final int SOURCERPM = 1044;

    static final int TYPE_INT32 = 4;
    static final int TYPE_STRING = 6;
    static final int TYPE_STRING_ARRAY = 8;
    static final int TYPE_I18NSTRING = 9;

    private static final int ENTRY_SIZE = 16;
    private static final int MAX_ENTRIES = 0xffff;

    /** The version as rpm prints it with an epoch: "[epoch:]version-release". */
    public String evr() {
        String versionRelease = version + "-" + release;
        return epoch.map(e -> e + ":" + versionRelease).orElse(versionRelease);
    }

    public static RpmHeader parse(byte[] blob) {
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        if (blob.length < 8) {
            throw new IllegalArgumentException("rpm header shorter than 8 bytes");
        }
        int entries = buffer.getInt(0);
        int dataLength = buffer.getInt(4);
        long dataStart = 8L + (long) entries * ENTRY_SIZE;
        if (entries < 0 || entries > MAX_ENTRIES || dataLength < 0 || dataStart + dataLength > blob.length) {
            throw new IllegalArgumentException("rpm header sizes do not fit the blob");
        }
        Map<Integer, String> strings = new HashMap<>();
        Integer epoch = null;
        for (int i = 0; i < entries; i++) {
            int at = 8 + i * ENTRY_SIZE;
            int tag = buffer.getInt(at);
            int type = buffer.getInt(at + 4);
            int offset = buffer.getInt(at + 8);
            int count = buffer.getInt(at + 12);
            if (tag != NAME && tag != VERSION && tag != RELEASE && tag != EPOCH && tag != ARCH && tag != SOURCERPM) {
                continue;
            }
            if (offset < 0 || offset >= dataLength || count < 1) {
                throw new IllegalArgumentException("rpm header entry for tag " + tag + " points outside the data");
            }
            int position = (int) dataStart + offset;
            if (tag == EPOCH) {
                if (type != TYPE_INT32 || offset + 4 > dataLength) {
                    throw new IllegalArgumentException("rpm EPOCH is not an int32 inside the data");
                }
                epoch = buffer.getInt(position);
            } else if (type == TYPE_STRING || type == TYPE_STRING_ARRAY || type == TYPE_I18NSTRING) {
                strings.put(tag, cString(blob, position, (int) dataStart + dataLength));
            } else {
                throw new IllegalArgumentException("rpm tag " + tag + " has type " + type + ", not a string");
            }
        }
        String name = strings.get(NAME);
        String version = strings.get(VERSION);
        String release = strings.get(RELEASE);
        if (name == null || version == null || release == null) {
            throw new IllegalArgumentException("rpm header without NAME, VERSION or RELEASE");
        }
        return new RpmHeader(name, Optional.ofNullable(epoch), version, release, strings.getOrDefault(ARCH, ""),
                strings.getOrDefault(SOURCERPM, ""));
    }

    private static String cString(byte[] blob, int start, int end) {
        for (int i = start; i < end; i++) {
            if (blob[i] == 0) {
                return new String(blob, start, i - start, StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("rpm header string is not terminated inside the data");
    }
}
