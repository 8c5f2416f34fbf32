package dev.berth.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcosystemsTest {

    @ParameterizedTest
    @CsvSource({
            "Debian:12, debian:12",
            "Debian:12.5, debian:12",
            "Debian, debian",
            "Alpine:v3.19, alpine:v3.19",
            "Alpine:3.19.1, alpine:v3.19",
            "Ubuntu:22.04:LTS, ubuntu:22.04",
            "Ubuntu:22.04, ubuntu:22.04",
            "Ubuntu:Pro:18.04:LTS, ubuntu:pro:18.04",
            "Red Hat, red hat",
            "PyPI, pypi",
            "Maven, maven"})
    void ecosystemsNormalise(String given, String expected) {
        assertThat(Ecosystems.normalize(given)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "PyPI, Requests, requests",
            "PyPI, zope.interface, zope-interface",
            "PyPI, Foo__Bar-.baz, foo-bar-baz",
            "npm, Lodash, lodash",
            "Maven, org.apache.logging.log4j:log4j-core, org.apache.logging.log4j:log4j-core",
            "Go, golang.org/x/net, golang.org/x/net",
            "Debian:12, openssl, openssl"})
    void namesNormalise(String ecosystem, String given, String expected) {
        assertThat(Ecosystems.normalizeName(ecosystem, given)).isEqualTo(expected);
    }
}
