package dev.berth.scan.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reading small text files out of layers, with a bound so that a huge file cannot fill the heap. */
final class TextFiles {
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

    /** A line reader that replaces malformed UTF-8 instead of failing (package databases are not always clean). */
    static BufferedReader lines(InputStream content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(content, decoder), 64 * 1024);
    }
}
