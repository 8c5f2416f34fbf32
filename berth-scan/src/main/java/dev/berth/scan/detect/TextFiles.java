package dev.berth.scan.detect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reading text files out of layers with bounds, so that a crafted file (one line of a gigabyte) cannot fill the
 * heap. Malformed UTF-8 is replaced, not fatal: package databases are not always clean.
 */
final class TextFiles {
    /** Longer lines are cut here; no field the scanner reads comes near it. */
    static final int MAX_LINE = 64 * 1024;

    private TextFiles() {
    }

    /** All of a small file as UTF-8 text; refuses a file over {@code limit} bytes. */
    static String readSmall(InputStream content, int limit) throws IOException {
        byte[] bytes = content.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new IOException("file larger than " + limit + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Lines lines(InputStream content) {
        return new Lines(content);
    }

    /** Lines split at '\n' (a trailing '\r' dropped), each cut to {@link #MAX_LINE} bytes. Not thread-safe. */
    static final class Lines {
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private int position;
        private int limit;
        private boolean ended;

        private Lines(InputStream in) {
            this.in = in;
        }

        /** The next line, or null at the end. */
        String readLine() throws IOException {
            if (ended) {
                return null;
            }
            line.reset();
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        ended = true;
                        return line.size() == 0 ? null : decode();
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int room = MAX_LINE - line.size();
                line.write(buffer, start, Math.min(room, position - start));
                if (position < limit) {
                    position++;
                    return decode();
                }
            }
        }

        private String decode() throws CharacterCodingException {
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        }
    }
}
