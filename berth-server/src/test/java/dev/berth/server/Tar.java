package dev.berth.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Just enough POSIX ustar (POSIX.1-1988) for test layers: writes regular files with fixed metadata, so the same
 * input always gives the same bytes; reads the regular files back, skipping every other entry type. Names up to
 * 100 bytes only.
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {}

    /** A tar of the files in iteration order: mode 0644, owner 0:0, mtime 0, two zero blocks at the end. */
    static byte[] write(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            out.writeBytes(header(name, content.length));
            out.writeBytes(content);
            out.writeBytes(new byte[padding(content.length)]);
        });
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    /** The regular files of a tar, by name without a leading {@code ./} or {@code /}. */
    static Map<String, byte[]> read(byte[] tar) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        int pos = 0;
        while (pos + BLOCK <= tar.length) {
            byte[] header = Arrays.copyOfRange(tar, pos, pos + BLOCK);
            if (Arrays.equals(header, new byte[BLOCK])) {
                break;
            }
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            int size = (int) Long.parseLong(field(header, 124, 12).trim(), 8);
            byte type = header[156];
            pos += BLOCK;
            if (type == '0' || type == 0) {
                String full = (prefix.isEmpty() ? "" : prefix + "/") + name;
                files.put(full.replaceFirst("^\\./", "").replaceFirst("^/", ""),
                        Arrays.copyOfRange(tar, pos, pos + size));
            }
            pos += size + padding(size);
        }
        return files;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] header(String name, long size) {
        byte[] name8 = name.getBytes(StandardCharsets.UTF_8);
        if (name8.length > 100) {
            throw new IllegalArgumentException("name longer than 100 bytes: " + name);
        }
        byte[] h = new byte[BLOCK];
        System.arraycopy(name8, 0, h, 0, name8.length);
        put(h, 100, "0000644\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        put(h, 124, String.format("%011o\0", size));
        put(h, 136, String.format("%011o\0", 0));
        put(h, 148, "        "); // the checksum is computed with its own field as spaces
        h[156] = '0';
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        return h;
    }

    private static void put(byte[] header, int offset, String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }
}
