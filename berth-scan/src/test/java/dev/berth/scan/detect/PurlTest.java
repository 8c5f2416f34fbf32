package dev.berth.scan.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PurlTest {

    @Test
    void canonicalForms() {
        assertThat(Purl.of("deb", "zlib1g").namespace("debian").version("1:1.2.13.dfsg-1")
                .qualifier("distro", "debian-12").qualifier("arch", "amd64").toString())
                .isEqualTo("pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12");
        assertThat(Purl.of("npm", "core").namespace("@angular").version("16.0.0").toString())
                .isEqualTo("pkg:npm/%40angular/core@16.0.0");
        assertThat(Purl.of("golang", "net").namespace("golang.org/x").version("v0.17.0").toString())
                .isEqualTo("pkg:golang/golang.org/x/net@v0.17.0");
        assertThat(Purl.of("maven", "log4j-core").namespace("org.apache.logging.log4j").version("2.14.1")
                .qualifier("empty", "").toString())
                .isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        assertThat(Purl.of("apk", "musl").namespace("alpine").version("1.2.4_git20230717-r4").toString())
                .isEqualTo("pkg:apk/alpine/musl@1.2.4_git20230717-r4");
        assertThat(Purl.of("deb", "libxxhash0").version("0.8.1-1+b1 ü").toString())
                .isEqualTo("pkg:deb/libxxhash0@0.8.1-1%2Bb1%20%C3%BC");
    }
}
