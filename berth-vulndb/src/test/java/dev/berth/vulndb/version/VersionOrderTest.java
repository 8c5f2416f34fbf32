package dev.berth.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each ecosystem's order on the cases its own documentation or reference implementation calls out. Every row
 * {@code (order, a, b, expected)} is also checked reversed, so the orders are antisymmetric on them.
 */
class VersionOrderTest {

    static Stream<Arguments> dpkg() {
        return rows(DpkgVersionOrder.INSTANCE,
                "1.0", "1.0", 0,
                "1.0~rc1", "1.0", -1,          // ~ sorts before the end of the string
                "1.0~~", "1.0~", -1,           // and before another ~
                "1.0~~a", "1.0~~", 1,
                "1.0", "1.0+b1", -1,           // binNMU suffix is newer
                "1:0.9", "2.0", 1,             // epoch first
                "0:1.0", "1.0", 0,             // epoch 0 is the same as none
                "1.0-1", "1.0-2", -1,          // revision compared last
                "1.0-10", "1.0-9", 1,          // numerically
                "1.2.13.dfsg-1", "1.2.13-1", 1, // letters after the end of a part
                "1:1.2.13.dfsg-1", "1:1.2.13.dfsg-1+deb12u1", -1,
                "3.0.11-1~deb12u2", "3.0.11-1", -1, // stable update below the unstable upload
                "3.0.11-1~deb12u2", "3.0.14-1~deb12u1", -1,
                "3.0.11-1~deb12u2", "3.0.11-1~deb12u10", -1,
                "1.0a", "1.0+", -1,            // letters before other characters
                "1.001", "1.1", 0,             // leading zeros ignored
                "2.36-9+deb12u3", "2.36-9+deb12u10", -1);
    }

    static Stream<Arguments> apk() {
        return rows(ApkVersionOrder.INSTANCE,
                "1.2.3-r0", "1.2.3-r1", -1,
                "1.2.3-r10", "1.2.3-r9", 1,
                "1.2.3", "1.2.3-r0", 0,
                "1.2.3_alpha", "1.2.3_beta", -1,
                "1.2.3_beta2", "1.2.3_pre1", -1,
                "1.2.3_pre1", "1.2.3_rc1", -1,
                "1.2.3_rc1", "1.2.3", -1,       // release candidates before the release
                "1.2.3", "1.2.3_p1", -1,        // patch levels after it
                "1.2.3_cvs", "1.2.3_p1", -1,
                "1.2.3_rc2", "1.2.3_rc10", -1,
                "1.2.3a", "1.2.3", 1,           // a letter after the number is newer
                "1.2.3a", "1.2.3b", -1,
                "1.2.4", "1.2.3z", 1,
                "1.2.10", "1.2.9", 1,
                "1.2", "1.2.0", -1,             // more components win
                "3.0.12-r1", "3.0.12-r0", 1,
                "1.36.1-r0", "1.36.1-r15", -1,
                "1.01", "1.1", -1);             // a leading zero compares as a fraction
    }

    static Stream<Arguments> rpm() {
        return rows(RpmVersionOrder.INSTANCE,
                "1.0", "1.0", 0,
                "1.0", "1.0.1", -1,
                "1.0a", "1.0", 1,               // rpmvercmp: a letter segment after equal ones is newer
                "1.0~rc1", "1.0", -1,           // ~ pre-release
                "1.0~rc1", "1.0~rc2", -1,
                "1.0^20230101", "1.0", 1,       // ^ snapshot after the release
                "1.0^20230101", "1.0.1", -1,    // but before the next
                "1.0^", "1.0^a", -1,
                "2:1.0-1", "1:2.0-1", 1,        // epoch first
                "1.0-1.el9", "1.0-2.el9", -1,
                "1.0-1.el9_2", "1.0-1.el9_10", -1,
                "1.0", "1.0-5", 0,              // a missing release is not compared
                "1.10", "1.9", 1,
                "1.a", "1.1", -1,               // numbers beat letters
                "1.0.0", "1_0_0", 0,            // separators only separate
                "3.0.7-27.el9", "3.0.7-24.el9", 1);
    }

    static Stream<Arguments> maven() {
        return rows(MavenVersionOrder.INSTANCE,
                "2.14.1", "2.15.0", -1,
                "2.0-beta9", "2.0", -1,
                "2.0-alpha1", "2.0-beta1", -1,
                "2.0-rc1", "2.0", -1,
                "2.0-SNAPSHOT", "2.0", -1,
                "2.0", "2.0.0", 0,              // trailing zeros
                "2.0-ga", "2.0", 0,
                "2.0-final", "2.0", 0,
                "2.0-sp1", "2.0", 1,            // service pack after the release
                "2.0-cr1", "2.0-rc1", 0,
                "1.0-milestone-1", "1.0-rc-1", -1,
                "2.12.2", "2.12.10", -1,
                "2.4", "2.4.0", 0,
                "1.0-foo", "1.0-sp", 1);        // unknown qualifiers after the known ones
    }

    static Stream<Arguments> npm() {
        return rows(SemverOrder.INSTANCE,
                "4.17.15", "4.17.20", -1,
                "4.17.21", "4.17.21", 0,
                "1.0.0-alpha", "1.0.0", -1,     // semver 2.0 section 11 example chain
                "1.0.0-alpha", "1.0.0-alpha.1", -1,
                "1.0.0-alpha.1", "1.0.0-alpha.beta", -1,
                "1.0.0-alpha.beta", "1.0.0-beta", -1,
                "1.0.0-beta", "1.0.0-beta.2", -1,
                "1.0.0-beta.2", "1.0.0-beta.11", -1,
                "1.0.0-beta.11", "1.0.0-rc.1", -1,
                "1.0.0-rc.1", "1.0.0", -1,
                "1.0.0+build.1", "1.0.0+build.2", 0,   // build metadata ignored
                "v1.2.3", "1.2.3", 0,
                "10.0.0", "9.99.99", 1);
    }

    static Stream<Arguments> pep440() {
        return rows(Pep440VersionOrder.INSTANCE,
                "2.25.0", "2.31.0", -1,
                "1.0.dev1", "1.0a1", -1,        // dev release before pre-releases
                "1.0a1", "1.0a2.dev1", -1,
                "1.0a2.dev1", "1.0a2", -1,
                "1.0a2", "1.0b1", -1,
                "1.0b1", "1.0rc1", -1,
                "1.0rc1", "1.0", -1,
                "1.0", "1.0.post1.dev1", -1,
                "1.0.post1.dev1", "1.0.post1", -1,
                "1.0.post1", "1.1.dev1", -1,
                "1.0", "1.0.0", 0,              // trailing zeros
                "1.0C1", "1.0rc1", 0,           // c = rc, case-insensitive
                "1.0-alpha-1", "1.0a1", 0,      // alternate spellings normalise
                "1.0.preview2", "1.0rc2", 0,
                "1.0-1", "1.0.post1", 0,        // implicit post release
                "1.0.rev1", "1.0.post1", 0,
                "1.0a", "1.0a0", 0,             // missing number is 0
                "v1.0", "1.0", 0,
                "1!0.5", "2.0", 1,              // epoch first
                "1.0", "1.0+local", -1,         // a local version after its public one
                "1.0+local.7", "1.0+local.abc", 1, // numbers above strings in local segments
                "1.0+abc", "1.0+abc.1", -1,
                "1.0+ubuntu1", "1.0.post1", -1);
    }

    static Stream<Arguments> go() {
        return rows(GoVersionOrder.INSTANCE,
                "v0.17.0", "0.17.0", 0,         // OSV writes Go versions without the v
                "v0.7.0", "v0.17.0", -1,
                "v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20210101000000-0123456789ab", -1, // pseudo by time
                "v0.0.0-20191109021931-daa7c04131f5", "v0.1.0", -1,  // a pseudo-version before the release
                "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3", 1, // based on v1.2.3: after it
                "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4", -1,
                "v2.0.0+incompatible", "v2.0.0", 0,   // +incompatible is build metadata
                "v2.0.1+incompatible", "v2.0.0", 1,
                "v1.0.0-rc.1", "v1.0.0", -1);
    }

    static Stream<Arguments> zeroIsTheLowest() {
        return Stream.of(DpkgVersionOrder.INSTANCE, ApkVersionOrder.INSTANCE, RpmVersionOrder.INSTANCE,
                MavenVersionOrder.INSTANCE, SemverOrder.INSTANCE, Pep440VersionOrder.INSTANCE,
                GoVersionOrder.INSTANCE).flatMap(order -> Stream.of(
                Arguments.of(order, "0", "0.0.0-alpha", -1),
                Arguments.of(order, "0", "0~", -1),
                Arguments.of(order, "0", "0", 0)));
    }

    @ParameterizedTest(name = "dpkg {1} vs {2}")
    @MethodSource("dpkg")
    void dpkg(VersionOrder order, String a, String b, int expected) {
        check(order, a, b, expected);
    }

    @ParameterizedTest(name = "apk {1} vs {2}")
    @MethodSource("apk")
    void apk(VersionOrder order, String a, String b, int expected) {
        check(order, a, b, expected);
    }

    @ParameterizedTest(name = "rpm {1} vs {2}")
    @MethodSource("rpm")
    void rpm(VersionOrder order, String a, String b, int expected) {
        check(order, a, b, expected);
    }

    @ParameterizedTest(name = "maven {1} vs {2}")
    @MethodSource("maven")
    void maven(VersionOrder order, String a, String b, int expected) {
        check(order, a, b, expected);
    }

    @ParameterizedTest(name = "npm {1} vs {2}")
    @MethodSource("npm")
    void npm(VersionOrder order, String a, String b, int expected) {
        check(order, a, b, expected);
    }

    @ParameterizedTest(name = "pep440 {1} vs {2}")
    @MethodSource("pep440")
    void pep440(VersionOrder order, String a, String b, int expected) {
        check(order, a, b, expected);
    }

    @ParameterizedTest(name = "go {1} vs {2}")
    @MethodSource("go")
    void go(VersionOrder order, String a, String b, int expected) {
        check(order, a, b, expected);
    }

    @ParameterizedTest(name = "{0}: {1} vs {2}")
    @MethodSource("zeroIsTheLowest")
    void osvZeroIsBelowEverything(VersionOrder order, String a, String b, int expected) {
        check(order, a, b, expected);
    }

    private static void check(VersionOrder order, String a, String b, int expected) {
        assertThat(Integer.signum(order.compare(a, b))).as("%s vs %s", a, b).isEqualTo(expected);
        assertThat(Integer.signum(order.compare(b, a))).as("%s vs %s", b, a).isEqualTo(-expected);
    }

    private static Stream<Arguments> rows(VersionOrder order, Object... cells) {
        Stream.Builder<Arguments> rows = Stream.builder();
        for (int i = 0; i < cells.length; i += 3) {
            rows.add(Arguments.of(order, cells[i], cells[i + 1], cells[i + 2]));
        }
        return rows.build();
    }
}
