package dev.berth.scan.detect;

import dev.berth.scan.Package;
import dev.berth.scan.layer.ImageFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Go modules compiled into executables, from the build information the Go linker embeds (Go 1.18 and later: the
 * {@code "\xff Go buildinf:"} header followed by the Go version and the module information as inline,
 * length-prefixed strings). Only executable ELF files are looked at: the magic number is checked first, then the
 * file is scanned for the header in fixed-size chunks, so a large binary is never held in memory. The module lines
 * give the main module ({@code mod}), the dependencies ({@code dep}) and replacements ({@code =>}, which take the
 * place of the line before them; a replacement by a local directory has no version and is left out, as is a main
 * module built as "(devel)"). The standard library is the package {@code stdlib} at the Go version, written like a
 * module version ("v1.22.3"). Binaries of Go before 1.18 (pointer-based build info) are not read.
 */
public final class GoBinaryDetector implements Detector {
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};
    private static final byte[] BUILDINFO_MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER_SIZE = 32;
    private static final int FLAG_INLINE_STRINGS = 0x2;
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_STRING = 4 * 1024 * 1024;
    private static final int MIN_SIZE = 1024;
    private static final int SENTINEL = 16;

    private record Module(String path, String version, String location) {
    }

    private final Set<Module> modules = new LinkedHashSet<>();

    @Override
    public boolean wants(ImageFile file) {
        return file.executable() && file.size() >= MIN_SIZE;
    }

    @Override
    public void read(ImageFile file, InputStream content) throws IOException {
        if (!Arrays.equals(content.readNBytes(ELF_MAGIC.length), ELF_MAGIC)) {
            return;
        }
        Optional<InputStream> afterMagic = findBuildInfo(content);
        if (afterMagic.isEmpty()) {
            return;
        }
        InputStream header = afterMagic.get();
        byte[] rest = header.readNBytes(HEADER_SIZE - BUILDINFO_MAGIC.length);
        if (rest.length < HEADER_SIZE - BUILDINFO_MAGIC.length || (rest[1] & FLAG_INLINE_STRINGS) == 0) {
            return;
        }
        String goVersion = new String(readString(header), StandardCharsets.UTF_8);
        String moduleInfo = new String(stripSentinels(readString(header)), StandardCharsets.UTF_8);
        accept(goVersion, moduleInfo, file.path());
    }

    /** Positions the stream just after the build info magic, or empty when the file has none. */
    private static Optional<InputStream> findBuildInfo(InputStream content) throws IOException {
        byte[] buffer = new byte[CHUNK + BUILDINFO_MAGIC.length];
        int kept = 0;
        while (true) {
            int read = content.readNBytes(buffer, kept, CHUNK);
            int filled = kept + read;
            int found = indexOf(buffer, filled);
            if (found >= 0) {
                int after = found + BUILDINFO_MAGIC.length;
                return Optional.of(new SequenceInputStream(
                        new ByteArrayInputStream(buffer, after, filled - after), content));
            }
            if (read < CHUNK) {
                return Optional.empty();
            }
            // Keep the tail, where a magic split across chunks begins.
            kept = Math.min(filled, BUILDINFO_MAGIC.length - 1);
            System.arraycopy(buffer, filled - kept, buffer, 0, kept);
        }
    }

    private static int indexOf(byte[] buffer, int length) {
        byte first = BUILDINFO_MAGIC[0];
        outer:
        for (int i = 0; i <= length - BUILDINFO_MAGIC.length; i++) {
            if (buffer[i] != first) {
                continue;
            }
            for (int j = 1; j < BUILDINFO_MAGIC.length; j++) {
                if (buffer[i + j] != BUILDINFO_MAGIC[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] readString(InputStream in) throws IOException {
        long length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.read();
            if (b < 0 || shift > 28) {
                throw new IOException("truncated Go build info");
            }
            length |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (length > MAX_STRING) {
            throw new IOException("Go build info string too long");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new IOException("truncated Go build info");
        }
        return bytes;
    }

    // The module information is framed by two 16-byte sentinels so that the linker can find it.
    private static byte[] stripSentinels(byte[] moduleInfo) {
        if (moduleInfo.length >= 2 * SENTINEL + 1 && moduleInfo[moduleInfo.length - SENTINEL - 1] == '\n') {
            return Arrays.copyOfRange(moduleInfo, SENTINEL, moduleInfo.length - SENTINEL);
        }
        return moduleInfo;
    }

    private void accept(String goVersion, String moduleInfo, String location) {
        String toolchain = goVersion.strip().split("\\s+")[0];
        if (toolchain.startsWith("go")) {
            modules.add(new Module("stdlib", "v" + toolchain.substring(2), location));
        }
        List<Module> found = new ArrayList<>();
        for (String line : moduleInfo.split("\n")) {
            String[] fields = line.split("\t");
            switch (fields[0]) {
                case "mod", "dep" -> found.add(fields.length >= 3 ? new Module(fields[1], fields[2], location) : null);
                case "=>" -> {
                    if (!found.isEmpty()) {
                        found.set(found.size() - 1, fields.length >= 3 && !fields[2].isEmpty()
                                ? new Module(fields[1], fields[2], location) : null);
                    }
                }
                default -> {
                }
            }
        }
        for (Module module : found) {
            if (module != null && !module.version().isEmpty() && !module.version().equals("(devel)")) {
                modules.add(module);
            }
        }
    }

    @Override
    public List<Package> packages(Distribution distribution) {
        List<Package> packages = new ArrayList<>(modules.size());
        for (Module m : modules) {
            int slash = m.path().lastIndexOf('/');
            Purl purl = slash > 0 ? Purl.of("golang", m.path().substring(slash + 1))
                    .namespace(m.path().substring(0, slash)) : Purl.of("golang", m.path());
            packages.add(new Package("Go", m.path(), m.version(), m.path(), m.version(),
                    purl.version(m.version()).toString(), m.location()));
        }
        return packages;
    }
}
