package dev.berth.scan.detect;

import dev.berth.scan.Package;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks the hand-made build info of the other tests against a binary the real Go linker wrote. Runs only where
 * a {@code go} toolchain is on the PATH; builds offline (no module downloads).
 */
class GoToolchainBinaryTest {
    @TempDir
    Path temp;

    @Test
    void readsTheBuildInfoOfARealGoBinary() throws Exception {
        assumeTrue(goOnPath(), "no go toolchain on PATH");
        Files.writeString(temp.resolve("go.mod"), "module example.com/hello\n\ngo 1.18\n");
        Files.writeString(temp.resolve("main.go"), "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hi\") }\n");
        String goVersion = run("go", "env", "GOVERSION").strip();
        run("go", "build", "-o", "hello", ".");
        byte[] binary = Files.readAllBytes(temp.resolve("hello"));

        GoBinaryDetector go = new GoBinaryDetector();
        assertThat(Detectors.offer(go, "/usr/local/bin/hello", binary, 0755)).isTrue();
        assertThat(go.packages(Distribution.unknown())).extracting(Package::name, Package::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stdlib", "v" + goVersion.substring(2)));
    }

    private String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true);
        builder.environment().put("GOFLAGS", "-mod=mod");
        builder.environment().put("GOPROXY", "off");
        builder.environment().put("CGO_ENABLED", "0");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static boolean goOnPath() {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "go")));
    }
}
