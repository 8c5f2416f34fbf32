package dev.berth.scan.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Realistic package databases and files, as the tests' images carry them. */
public final class Fixtures {
    private Fixtures() {
    }

    public static final String DEBIAN_12_OS_RELEASE = """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            VERSION_CODENAME=bookworm
            ID=debian
            HOME_URL="https://www.debian.org/"
            SUPPORT_URL="https://www.debian.org/support"
            BUG_REPORT_URL="https://bugs.debian.org/"
            """;

    public static final String ALPINE_OS_RELEASE = """
            NAME="Alpine Linux"
            ID=alpine
            VERSION_ID=3.19.1
            PRETTY_NAME="Alpine Linux v3.19"
            HOME_URL="https://alpinelinux.org/"
            BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
            """;

    public static final String ROCKY_OS_RELEASE = """
            NAME="Rocky Linux"
            VERSION="9.3 (Blue Onyx)"
            ID="rocky"
            ID_LIKE="rhel centos fedora"
            VERSION_ID="9.3"
            PLATFORM_ID="platform:el9"
            PRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"
            """;

    /** dpkg's status file of a small Debian 12 image: installed packages, one removed with its config kept. */
    public static final String DEBIAN_12_DPKG_STATUS = """
            Package: libc6
            Status: install ok installed
            Priority: optional
            Section: libs
            Installed-Size: 12985
            Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
            Architecture: amd64
            Multi-Arch: same
            Source: glibc
            Version: 2.36-9+deb12u3
            Depends: libgcc-s1
            Recommends: libidn2-0 (>= 2.0.5~)
            Description: GNU C Library: Shared libraries
             Contains the standard libraries that are used by nearly all programs on
             the system. This package includes shared versions of the standard C library
             and the standard math library, as well as many others.
            Homepage: https://www.gnu.org/software/libc/libc.html

            Package: libssl3
            Status: install ok installed
            Priority: optional
            Section: libs
            Installed-Size: 6200
            Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>
            Architecture: amd64
            Multi-Arch: same
            Source: openssl
            Version: 3.0.11-1~deb12u2
            Depends: libc6 (>= 2.34)
            Description: Secure Sockets Layer toolkit - shared libraries
             This package is part of the OpenSSL project's implementation of the SSL
             and TLS cryptographic protocols for secure communication over the
             Internet.
             .
             It provides the libssl and libcrypto shared libraries.
            Homepage: https://www.openssl.org/

            Package: openssl
            Status: install ok installed
            Priority: optional
            Section: utils
            Installed-Size: 2290
            Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>
            Architecture: amd64
            Version: 3.0.11-1~deb12u2
            Depends: libc6 (>= 2.34), libssl3 (>= 3.0.9)
            Suggests: ca-certificates
            Conffiles:
             /etc/ssl/openssl.cnf 6b4cf51ef6f1e2a5d2e4f5c8a4d1d9a5
            Description: Secure Sockets Layer toolkit - cryptographic utility
             This package is part of the OpenSSL project's implementation of the SSL
             and TLS cryptographic protocols for secure communication over the
             Internet.
            Homepage: https://www.openssl.org/

            Package: zlib1g
            Status: install ok installed
            Priority: optional
            Section: libs
            Installed-Size: 168
            Maintainer: Mark Brown <broonie@debian.org>
            Architecture: amd64
            Multi-Arch: same
            Source: zlib
            Version: 1:1.2.13.dfsg-1
            Provides: libz1
            Depends: libc6 (>= 2.14)
            Breaks: libxml2 (<< 2.7.6.dfsg-2), texlive-binaries (<< 2009-12)
            Conflicts: zlib1 (<= 1:1.0.4-7)
            Description: compression library - runtime
             zlib is a library implementing the deflate compression method found
             in gzip and PKZIP.  This package includes the shared library.
            Homepage: http://zlib.net/

            Package: libxxhash0
            Status: install ok installed
            Priority: optional
            Section: libs
            Installed-Size: 161
            Maintainer: Josue Ortega <josue@debian.org>
            Architecture: amd64
            Multi-Arch: same
            Source: xxhash (0.8.1-1)
            Version: 0.8.1-1+b1
            Depends: libc6 (>= 2.14)
            Description: shared library for xxhash

            Package: curl
            Status: deinstall ok config-files
            Priority: optional
            Section: web
            Installed-Size: 500
            Maintainer: Alessandro Ghedini <ghedo@debian.org>
            Architecture: amd64
            Version: 7.88.1-10+deb12u4
            Config-Version: 7.88.1-10+deb12u4
            Description: command line tool for transferring data with URL syntax
            """;

    /** A distroless status.d entry (one paragraph per file, no Status field). */
    public static final String DISTROLESS_TZDATA = """
            Package: tzdata
            Version: 2024a-0+deb12u1
            Architecture: all
            Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
            Installed-Size: 2880
            Section: localization
            Priority: required
            Multi-Arch: foreign
            Description: time zone and daylight-saving time data
            """;

    public static final String ALPINE_INSTALLED = """
            C:Q1Zd8qCwBSzzHu9i6SPz3dTjklv1o=
            P:musl
            V:1.2.4_git20230717-r4
            A:x86_64
            S:407278
            I:667648
            T:the musl c library (libc) implementation
            U:https://musl.libc.org/
            L:MIT
            o:musl
            m:Natanael Copa <ncopa@alpinelinux.org>
            t:1705332938
            c:e2e6e7f1aa4fbc93b6f8a1d7e0d2d0e3b0f8f5d0
            F:lib
            R:ld-musl-x86_64.so.1
            a:0:0:755
            Z:Q1Tq6x3Xq7e8kz4nX2bEo0yIqR6lA=

            C:Q1LtqN9AwnUqRkN4BOMjzzzwJ+Szw=
            P:libcrypto3
            V:3.1.4-r5
            A:x86_64
            S:1780212
            I:4386816
            T:Crypto library from openssl
            U:https://www.openssl.org/
            L:Apache-2.0
            o:openssl
            m:Ariadne Conill <ariadne@dereferenced.org>
            t:1706630416
            D:so:libc.musl-x86_64.so.1
            p:so:libcrypto.so.3=3
            F:lib
            R:libcrypto.so.3

            C:Q1mNRL3Y2vBSx6oQM8sVFVr5h1tMg=
            P:busybox-binsh
            V:1.36.1-r15
            A:x86_64
            o:busybox
            """;

    public static String pythonMetadata(String name, String version) {
        return "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n"
                + "Summary: Python HTTP for Humans.\nHome-page: https://requests.readthedocs.io\n"
                + "Requires-Python: >=2.7, !=3.0.*\nLicense: Apache 2.0\n\n"
                + "Requests\n========\n\nVersion: 99.0 (in the description, not a header)\n";
    }

    public static String packageJson(String name, String version) {
        return "{\n  \"name\": \"" + name + "\",\n  \"version\": \"" + version + "\",\n  \"main\": \"index.js\"\n}\n";
    }

    /** A lockfileVersion 3 lock of a small express app that depends on lodash 4.17.15. */
    public static final String PACKAGE_LOCK_V3 = """
            {
              "name": "shop",
              "version": "1.0.0",
              "lockfileVersion": 3,
              "requires": true,
              "packages": {
                "": {"name": "shop", "version": "1.0.0", "dependencies": {"lodash": "4.17.15", "debug": "2.6.9"},
                     "devDependencies": {"jest": "^29.0.0"}},
                "node_modules/lodash": {"version": "4.17.15",
                  "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz",
                  "integrity": "sha512-8xOcRHvCjnocdS5cpwXQXVzmmh5e5+saE2QGoeQmbKmRS6J3VQppPOIt0MnmE+4xlZoumy0GPG0D0MVIQbNA1A=="},
                "node_modules/debug": {"version": "2.6.9", "dependencies": {"ms": "2.0.0"}},
                "node_modules/debug/node_modules/ms": {"version": "2.0.0"},
                "node_modules/@babel/core": {"version": "7.23.0", "dev": true},
                "node_modules/local-lib": {"resolved": "packages/local-lib", "link": true}
              }
            }
            """;

    /** lockfileVersion 1: the nested "dependencies" tree. */
    public static final String PACKAGE_LOCK_V1 = """
            {
              "name": "legacy",
              "version": "0.1.0",
              "lockfileVersion": 1,
              "requires": true,
              "dependencies": {
                "lodash": {"version": "4.17.15", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz"},
                "mocha": {"version": "10.2.0", "dev": true},
                "debug": {"version": "2.6.9", "requires": {"ms": "2.0.0"},
                  "dependencies": {"ms": {"version": "2.0.0"}}}
              }
            }
            """;

    /** lockfileVersion 2: both sections; the "packages" one is read. */
    public static final String PACKAGE_LOCK_V2 = """
            {
              "name": "both",
              "lockfileVersion": 2,
              "packages": {
                "": {"name": "both"},
                "node_modules/@types/node": {"version": "20.10.0"},
                "node_modules/minimist": {"version": "1.2.5"}
              },
              "dependencies": {
                "@types/node": {"version": "20.10.0"},
                "minimist": {"version": "1.2.5"}
              }
            }
            """;

    /** A jar with Maven's pom.properties (and a manifest), as Maven builds them. */
    public static byte[] mavenJar(String groupId, String artifactId, String version) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", ("Manifest-Version: 1.0\r\nCreated-By: Maven JAR Plugin 3.3.0\r\n"
                + "Implementation-Title: " + artifactId + "\r\nImplementation-Version: " + version + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        entries.put("META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties",
                ("#Created by Apache Maven 3.6.3\nversion=" + version + "\ngroupId=" + groupId + "\nartifactId="
                        + artifactId + "\n").getBytes(StandardCharsets.UTF_8));
        entries.put("org/example/Placeholder.class", new byte[]{(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
        return zip(entries, false);
    }

    /** A jar with only a manifest (no Maven metadata). */
    public static byte[] manifestOnlyJar(String vendorId, String version) {
        return zip(Map.of("META-INF/MANIFEST.MF", ("Manifest-Version: 1.0\r\nImplementation-Vendor-Id: " + vendorId
                + "\r\nImplementation-Version: " + version + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)), false);
    }

    /**
     * A Spring Boot executable jar: the application's classes and pom.properties, and its libraries stored
     * (uncompressed) under BOOT-INF/lib, among them log4j-core 2.14.1.
     */
    public static byte[] springBootJar() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", ("Manifest-Version: 1.0\r\nMain-Class: "
                + "org.springframework.boot.loader.launch.JarLauncher\r\nStart-Class: com.example.shop.Application\r\n"
                + "Spring-Boot-Lib: BOOT-INF/lib/\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        entries.put("META-INF/maven/com.example/shop/pom.properties",
                "artifactId=shop\ngroupId=com.example\nversion=0.0.1-SNAPSHOT\n".getBytes(StandardCharsets.UTF_8));
        entries.put("BOOT-INF/classes/com/example/shop/Application.class", new byte[]{(byte) 0xca, (byte) 0xfe});
        entries.put("BOOT-INF/lib/log4j-core-2.14.1.jar",
                mavenJar("org.apache.logging.log4j", "log4j-core", "2.14.1"));
        entries.put("BOOT-INF/lib/log4j-api-2.14.1.jar", mavenJar("org.apache.logging.log4j", "log4j-api", "2.14.1"));
        entries.put("BOOT-INF/lib/legacy-util-1.4.jar", manifestOnlyJar("com.example.legacy", "1.4"));
        return zip(entries, true);
    }

    /** A war with a library under WEB-INF/lib. */
    public static byte[] war() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("WEB-INF/web.xml", "<web-app/>".getBytes(StandardCharsets.UTF_8));
        entries.put("WEB-INF/lib/commons-text-1.9.jar", mavenJar("org.apache.commons", "commons-text", "1.9"));
        return zip(entries, false);
    }

    /** Zip entries; nested archives are stored uncompressed when {@code storeArchives} (Spring Boot's rule). */
    public static byte[] zip(Map<String, byte[]> entries, boolean storeArchives) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (storeArchives && e.getKey().endsWith(".jar")) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An rpm package as the tests put it in an rpmdb: name, epoch (or null), version, release, arch, source rpm. */
    public record Rpm(String name, Integer epoch, String version, String release, String arch, String sourceRpm) {
    }

    public static final List<Rpm> ROCKY_9_RPMS = List.of(
            new Rpm("openssl-libs", 1, "3.0.7", "24.el9", "x86_64", "openssl-3.0.7-24.el9.src.rpm"),
            new Rpm("bash", null, "5.1.8", "6.el9_1", "x86_64", "bash-5.1.8-6.el9_1.src.rpm"),
            new Rpm("tzdata", null, "2023c", "1.el9", "noarch", "tzdata-2023c-1.el9.src.rpm"),
            new Rpm("gpg-pubkey", null, "350d275d", "6279464b", "", ""));

    /**
     * An rpm header blob as rpm stores it in rpmdb.sqlite: index count, data length, index entries, data. Starts
     * with the immutable region tag (63) like real headers; strings are NUL-terminated, the epoch an int32.
     */
    public static byte[] rpmHeader(Rpm rpm) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<int[]> index = new java.util.ArrayList<>();
        index.add(new int[]{63, 7, 0, 16});
        data.writeBytes(new byte[16]);
        addString(index, data, 1000, rpm.name());
        addString(index, data, 1001, rpm.version());
        addString(index, data, 1002, rpm.release());
        if (rpm.epoch() != null) {
            while (data.size() % 4 != 0) {
                data.write(0);
            }
            index.add(new int[]{1003, 4, data.size(), 1});
            data.writeBytes(ByteBuffer.allocate(4).putInt(rpm.epoch()).array());
        }
        addString(index, data, 1004, "summary of " + rpm.name());
        if (!rpm.arch().isEmpty()) {
            addString(index, data, 1022, rpm.arch());
        }
        if (!rpm.sourceRpm().isEmpty()) {
            addString(index, data, 1044, rpm.sourceRpm());
        }
        ByteBuffer blob = ByteBuffer.allocate(8 + index.size() * 16 + data.size());
        blob.putInt(index.size()).putInt(data.size());
        for (int[] entry : index) {
            for (int field : entry) {
                blob.putInt(field);
            }
        }
        blob.put(data.toByteArray());
        return blob.array();
    }

    private static void addString(List<int[]> index, ByteArrayOutputStream data, int tag, String value) {
        index.add(new int[]{tag, 6, data.size(), 1});
        data.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        data.write(0);
    }

    /** An rpmdb.sqlite with rpm's schema (WAL mode, like rpm leaves it), holding the given packages. */
    public static byte[] rpmDb(Path workDirectory, List<Rpm> rpms) {
        Path database = workDirectory.resolve("rpmdb-" + System.nanoTime() + ".sqlite");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)");
            statement.execute("CREATE TABLE Name (key TEXT NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL,"
                    + " FOREIGN KEY(hnum) REFERENCES Packages(hnum))");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
                for (Rpm rpm : rpms) {
                    insert.setBytes(1, rpmHeader(rpm));
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try {
            return Files.readAllBytes(database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An ELF executable as far as the scanner looks: the ELF magic, some code-like filler, and a Go 1.18+ build
     * info blob (16-byte aligned header, inline length-prefixed strings, module info framed by sentinels).
     */
    public static byte[] goBinary(String goVersion, String moduleInfo) {
        ByteArrayOutputStream elf = new ByteArrayOutputStream();
        elf.writeBytes(new byte[]{0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        byte[] filler = new byte[70_000];
        for (int i = 0; i < filler.length; i++) {
            filler[i] = (byte) (i * 31 + 7);
        }
        elf.writeBytes(filler);
        while (elf.size() % 16 != 0) {
            elf.write(0);
        }
        elf.writeBytes("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
        elf.write(8);
        elf.write(0x2);
        elf.writeBytes(new byte[16]);
        writeGoString(elf, goVersion.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.writeBytes(hex("3077af0c9274080241e1c107e6d618e6"));
        framed.writeBytes(moduleInfo.getBytes(StandardCharsets.UTF_8));
        framed.writeBytes(hex("f932433186182072008242104116d8f2"));
        writeGoString(elf, framed.toByteArray());
        elf.writeBytes(new byte[4096]);
        return elf.toByteArray();
    }

    private static void writeGoString(ByteArrayOutputStream out, byte[] value) {
        int length = value.length;
        while (length >= 0x80) {
            out.write((length & 0x7f) | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(value);
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    public static final String GO_MODULE_INFO = """
            path\texample.com/api/cmd/server
            mod\texample.com/api\tv1.4.0\th1:abc=
            dep\tgolang.org/x/net\tv0.17.0\th1:pJoLRhrfzuWi/ZKIR9avXEfZCHQS7hh7AfZR6Zc6S9I=
            dep\tgithub.com/gorilla/mux\tv1.8.0\th1:i40aqfkR1h2SlN9hojwV5ZA91wcXFOvgu6Y8gVP6H80=
            dep\tgithub.com/example/forked\tv1.0.0\th1:old=
            =>\tgithub.com/someone/forked\tv1.0.1-fix\th1:new=
            dep\tgithub.com/example/local\tv0.3.0\th1:loc=
            =>\t../local\t\t
            build\t-compiler=gc
            build\tCGO_ENABLED=0
            build\tGOOS=linux
            """;
}
