package dev.berth.scan.detect;

import dev.berth.scan.Package;
import dev.berth.scan.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class LanguageDetectorsTest {
    private static final Distribution NONE = Distribution.unknown();

    @Test
    void springBootFatJarWithNestedLibraries() {
        JavaArchiveDetector java = new JavaArchiveDetector();
        assertThat(Detectors.offer(java, "/app/app.jar", Fixtures.springBootJar(), 0644)).isTrue();

        assertThat(java.packages(NONE)).extracting(Package::ecosystem, Package::name, Package::version,
                Package::purl, Package::location).containsExactlyInAnyOrder(
                tuple("Maven", "com.example:shop", "0.0.1-SNAPSHOT", "pkg:maven/com.example/shop@0.0.1-SNAPSHOT",
                        "/app/app.jar"),
                tuple("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1",
                        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
                        "/app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar"),
                tuple("Maven", "org.apache.logging.log4j:log4j-api", "2.14.1",
                        "pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1",
                        "/app/app.jar!/BOOT-INF/lib/log4j-api-2.14.1.jar"),
                tuple("Maven", "com.example.legacy:legacy-util", "1.4", "pkg:maven/com.example.legacy/legacy-util@1.4",
                        "/app/app.jar!/BOOT-INF/lib/legacy-util-1.4.jar"));
    }

    @Test
    void fullyExecutableJarWithALaunchScript() {
        byte[] script = ("#!/bin/bash\n#\n#    .   ____          _            __ _ _\n"
                + "# Spring Boot startup script\n" + "# ".repeat(3000) + "\nexit 0\n").getBytes(StandardCharsets.UTF_8);
        byte[] jar = Fixtures.springBootJar();
        byte[] executable = new byte[script.length + jar.length];
        System.arraycopy(script, 0, executable, 0, script.length);
        System.arraycopy(jar, 0, executable, script.length, jar.length);
        JavaArchiveDetector java = new JavaArchiveDetector();
        Detectors.offer(java, "/app/app.jar", executable, 0755);

        assertThat(java.packages(NONE)).extracting(Package::name).contains("org.apache.logging.log4j:log4j-core")
                .hasSize(4);
    }

    @Test
    void warAndEarNestTheirModules() {
        JavaArchiveDetector java = new JavaArchiveDetector();
        byte[] ear = Fixtures.zip(Map.of("shop-web.war", Fixtures.war()), false);
        assertThat(Detectors.offer(java, "/opt/server/deploy/shop.ear", ear, 0644)).isTrue();

        assertThat(java.packages(NONE)).extracting(Package::name, Package::version, Package::location)
                .containsExactly(tuple("org.apache.commons:commons-text", "1.9",
                        "/opt/server/deploy/shop.ear!/shop-web.war!/WEB-INF/lib/commons-text-1.9.jar"));
    }

    @Test
    void jarWithoutMavenMetadataFallsBackToManifestAndFileName() {
        JavaArchiveDetector java = new JavaArchiveDetector();
        Detectors.offer(java, "/usr/share/java/legacy-util-1.4.jar", Fixtures.manifestOnlyJar("com.example.legacy",
                "9.9"), 0644);
        Detectors.offer(java, "/usr/share/java/tool.jar", Fixtures.manifestOnlyJar("org.tool", "2.0.1"), 0644);
        Detectors.offer(java, "/usr/share/java/nothing.jar", Fixtures.zip(Map.of("a.txt", new byte[1]), false),
                0644);

        assertThat(java.packages(NONE)).extracting(Package::name, Package::version, Package::purl)
                .containsExactly(
                        tuple("com.example.legacy:legacy-util", "1.4", "pkg:maven/com.example.legacy/legacy-util@1.4"),
                        tuple("org.tool:tool", "2.0.1", "pkg:maven/org.tool/tool@2.0.1"));
    }

    @Test
    void damagedPartsOfAnArchiveDoNotHideTheRest() {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", "this line has no colon\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        entries.put("WEB-INF/lib/broken-1.0.jar", "PK\u0003\u0004 not really".getBytes(StandardCharsets.UTF_8));
        entries.put("WEB-INF/lib/commons-text-1.9.jar", Fixtures.mavenJar("org.apache.commons", "commons-text", "1.9"));
        JavaArchiveDetector java = new JavaArchiveDetector();
        Detectors.offer(java, "/srv/app.war", Fixtures.zip(entries, false), 0644);

        assertThat(java.packages(NONE)).extracting(Package::name, Package::location)
                .containsExactly(tuple("org.apache.commons:commons-text",
                        "/srv/app.war!/WEB-INF/lib/commons-text-1.9.jar"));
    }

    @Test
    void nestedArchivesHaveAReadingBudgetPerFile() {
        byte[] fatJar = Fixtures.springBootJar();
        JavaArchiveDetector generous = new JavaArchiveDetector(10L * fatJar.length);
        Detectors.offer(generous, "/app/app.jar", fatJar, 0644);
        assertThat(generous.packages(NONE)).hasSize(4);

        JavaArchiveDetector tight = new JavaArchiveDetector(100);
        assertThatThrownBy(() -> Detectors.offer(tight, "/app/app.jar", fatJar, 0644))
                .hasRootCauseMessage("nested archives expand beyond 100 bytes");
        assertThat(tight.packages(NONE)).as("an abandoned archive reports nothing").isEmpty();
        Detectors.offer(tight, "/app/plain.jar", Fixtures.mavenJar("org.x", "plain", "1.0"), 0644);
        assertThat(tight.packages(NONE)).as("the budget is per file").hasSize(1);
    }

    @Test
    void jarWithoutAnyGroupIsNamedByItsArtifact() {
        JavaArchiveDetector java = new JavaArchiveDetector();
        Detectors.offer(java, "/lib/bare-3.2.jar", Fixtures.zip(Map.of("a.txt", new byte[1]), false), 0644);
        assertThat(java.packages(NONE)).extracting(Package::name, Package::version, Package::purl)
                .containsExactly(tuple("bare", "3.2", "pkg:maven/bare@3.2"));
    }

    @Test
    void npmLockFileV3AndNodeModulesAreOneView() {
        NpmDetector npm = new NpmDetector();
        assertThat(Detectors.offer(npm, "/srv/shop/package-lock.json", Fixtures.PACKAGE_LOCK_V3)).isTrue();
        assertThat(Detectors.offer(npm, "/srv/shop/node_modules/lodash/package.json",
                Fixtures.packageJson("lodash", "4.17.15"))).isTrue();
        assertThat(Detectors.offer(npm, "/srv/shop/node_modules/@babel/core/package.json",
                Fixtures.packageJson("@babel/core", "7.23.0"))).isTrue();
        assertThat(Detectors.offer(npm, "/srv/shop/package.json", Fixtures.packageJson("shop", "1.0.0"))).isFalse();
        assertThat(Detectors.offer(npm, "/srv/shop/node_modules/lodash/fp/package.json", "{}")).isFalse();

        assertThat(npm.packages(NONE)).extracting(Package::ecosystem, Package::name, Package::version,
                Package::purl, Package::location).containsExactlyInAnyOrder(
                tuple("npm", "lodash", "4.17.15", "pkg:npm/lodash@4.17.15",
                        "/srv/shop/node_modules/lodash/package.json"),
                tuple("npm", "debug", "2.6.9", "pkg:npm/debug@2.6.9", "/srv/shop/package-lock.json"),
                tuple("npm", "ms", "2.0.0", "pkg:npm/ms@2.0.0", "/srv/shop/package-lock.json"),
                tuple("npm", "@babel/core", "7.23.0", "pkg:npm/%40babel/core@7.23.0",
                        "/srv/shop/node_modules/@babel/core/package.json"));
    }

    @Test
    void npmLockFileV1AndV2() {
        NpmDetector npm = new NpmDetector();
        Detectors.offer(npm, "/legacy/package-lock.json", Fixtures.PACKAGE_LOCK_V1);
        Detectors.offer(npm, "/both/node_modules/.package-lock.json", Fixtures.PACKAGE_LOCK_V2);
        Detectors.offer(npm, "/both/node_modules/minimist/package.json", Fixtures.packageJson("minimist", "1.2.5"));

        assertThat(npm.packages(NONE)).extracting(Package::name, Package::version, Package::location)
                .containsExactlyInAnyOrder(
                        tuple("lodash", "4.17.15", "/legacy/package-lock.json"),
                        tuple("debug", "2.6.9", "/legacy/package-lock.json"),
                        tuple("ms", "2.0.0", "/legacy/package-lock.json"),
                        tuple("@types/node", "20.10.0", "/both/node_modules/.package-lock.json"),
                        tuple("minimist", "1.2.5", "/both/node_modules/minimist/package.json"));
    }

    @Test
    void pythonDistInfoAndEggInfo() {
        PythonDetector python = new PythonDetector();
        String sitePackages = "/usr/local/lib/python3.11/site-packages/";
        assertThat(Detectors.offer(python, sitePackages + "requests-2.25.0.dist-info/METADATA",
                Fixtures.pythonMetadata("requests", "2.25.0"))).isTrue();
        assertThat(Detectors.offer(python, sitePackages + "Jinja2-2.11.2.dist-info/METADATA",
                Fixtures.pythonMetadata("Jinja2", "2.11.2"))).isTrue();
        assertThat(Detectors.offer(python, "/usr/lib/python3/dist-packages/PyYAML.egg-info/PKG-INFO",
                Fixtures.pythonMetadata("PyYAML", "5.3.1"))).isTrue();
        assertThat(Detectors.offer(python, "/usr/lib/python3/dist-packages/zope.interface-5.4.0.egg-info",
                Fixtures.pythonMetadata("zope.interface", "5.4.0"))).isTrue();
        assertThat(Detectors.offer(python, sitePackages + "requests-2.25.0.dist-info/RECORD", "x")).isFalse();

        assertThat(python.packages(NONE)).extracting(Package::ecosystem, Package::name, Package::version,
                Package::purl).containsExactly(
                tuple("PyPI", "requests", "2.25.0", "pkg:pypi/requests@2.25.0"),
                tuple("PyPI", "Jinja2", "2.11.2", "pkg:pypi/jinja2@2.11.2"),
                tuple("PyPI", "PyYAML", "5.3.1", "pkg:pypi/pyyaml@5.3.1"),
                tuple("PyPI", "zope.interface", "5.4.0", "pkg:pypi/zope-interface@5.4.0"));
    }

    @Test
    void goBuildInfoWithReplacementsAndStdlib() {
        GoBinaryDetector go = new GoBinaryDetector();
        byte[] binary = Fixtures.goBinary("go1.21.5", Fixtures.GO_MODULE_INFO);
        assertThat(Detectors.offer(go, "/usr/local/bin/server", binary, 0755)).isTrue();

        assertThat(go.packages(NONE)).extracting(Package::ecosystem, Package::name, Package::version,
                Package::purl, Package::location).containsExactly(
                tuple("Go", "stdlib", "v1.21.5", "pkg:golang/stdlib@v1.21.5", "/usr/local/bin/server"),
                tuple("Go", "example.com/api", "v1.4.0", "pkg:golang/example.com/api@v1.4.0", "/usr/local/bin/server"),
                tuple("Go", "golang.org/x/net", "v0.17.0", "pkg:golang/golang.org/x/net@v0.17.0",
                        "/usr/local/bin/server"),
                tuple("Go", "github.com/gorilla/mux", "v1.8.0", "pkg:golang/github.com/gorilla/mux@v1.8.0",
                        "/usr/local/bin/server"),
                tuple("Go", "github.com/someone/forked", "v1.0.1-fix",
                        "pkg:golang/github.com/someone/forked@v1.0.1-fix", "/usr/local/bin/server"));
    }

    @Test
    void goDetectorOnlyLooksAtExecutableElfFiles() {
        GoBinaryDetector go = new GoBinaryDetector();
        byte[] binary = Fixtures.goBinary("go1.22.0", "path\tx\nmod\tx\t(devel)\t\n");
        assertThat(Detectors.offer(go, "/usr/lib/data.bin", binary, 0644)).isFalse();
        byte[] notElf = binary.clone();
        notElf[1] = 'X';
        assertThat(Detectors.offer(go, "/usr/bin/script", notElf, 0755)).isTrue();
        assertThat(go.packages(NONE)).isEmpty();

        assertThat(Detectors.offer(go, "/usr/bin/x", binary, 0755)).isTrue();
        assertThat(go.packages(NONE)).extracting(Package::name, Package::version)
                .containsExactly(tuple("stdlib", "v1.22.0"));
    }

    @Test
    void goBuildInfoMagicSplitAcrossReadChunks() {
        byte[] base = Fixtures.goBinary("go1.20.1", "mod\tm\tv1.0.0\t\n");
        int magicAt = indexOf(base, "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
        // The detector reads the 4-byte ELF magic, then scans 64 KiB chunks: the first boundary is at 4 + 65536.
        int boundary = 4 + 64 * 1024;
        for (int startsBefore = 0; startsBefore <= 15; startsBefore++) {
            int newMagicAt = boundary - startsBefore;
            byte[] shifted = new byte[newMagicAt + base.length - magicAt];
            System.arraycopy(base, 0, shifted, 0, 8);
            System.arraycopy(base, magicAt, shifted, newMagicAt, base.length - magicAt);
            GoBinaryDetector go = new GoBinaryDetector();
            Detectors.offer(go, "/bin/m", shifted, 0755);
            assertThat(go.packages(NONE)).extracting(Package::name).as("magic starting %d bytes before the boundary",
                    startsBefore).containsExactly("stdlib", "m");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
