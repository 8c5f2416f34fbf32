package dev.berth.vulndb.osv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the OSV JSON documents of an import source, one at a time: OSV's per-ecosystem export zip (a zip of
 * {@code <ID>.json}, read as a stream, never unpacked), a directory searched recursively for {@code *.json} (in
 * path order), or one {@code .json} file. Only one document is in memory at a time; a document larger than
 * {@link #MAX_DOCUMENT_BYTES} is reported as oversized instead of read.
 */
public final class OsvSources {
    /** Far above any real advisory (the largest OSV records are a few MiB of version lists). */
    public static final int MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

    /** Receives each document of a source. */
    public interface Sink {
        void document(String name, byte[] json);

        /** A document that could not be read at all (too large); it is counted as skipped. */
        void unreadable(String name, String reason);
    }

    private OsvSources() {}

    /** Reads every document of {@code source}; throws only when the source itself cannot be read. */
    public static void read(Path source, Sink sink) throws IOException {
        if (Files.isDirectory(source)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(Files::isRegularFile).filter(OsvSources::isJson).sorted().toList();
            }
            for (Path file : files) {
                readFile(file, source.relativize(file).toString(), sink);
            }
        } else if (!Files.isRegularFile(source)) {
            throw new IOException("no such file or directory: " + source);
        } else if (isZip(source)) {
            readZip(source, sink);
        } else {
            readFile(source, source.getFileName().toString(), sink);
        }
    }

    private static void readFile(Path file, String name, Sink sink) throws IOException {
        if (Files.size(file) > MAX_DOCUMENT_BYTES) {
            sink.unreadable(name, "larger than " + MAX_DOCUMENT_BYTES + " bytes");
            return;
        }
        sink.document(name, Files.readAllBytes(file));
    }

    private static void readZip(Path zip, Sink sink) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                if (entry.isDirectory() || !entry.getName().toLowerCase(Locale.ROOT).endsWith(".json")) {
                    continue;
                }
                byte[] json = entries.readNBytes(MAX_DOCUMENT_BYTES + 1);
                if (json.length > MAX_DOCUMENT_BYTES) {
                    sink.unreadable(entry.getName(), "larger than " + MAX_DOCUMENT_BYTES + " bytes");
                } else {
                    sink.document(entry.getName(), json);
                }
            }
        }
    }

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** By content, not name: a zip starts with a local file header ("PK\3\4") or is an empty archive ("PK\5\6"). */
    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && (magic[2] == 3 || magic[2] == 5);
        }
    }
}
