package dev.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    static Stream<Arguments> containment() {
        return Stream.of(
                Arguments.of("203.0.113.0/24", "203.0.113.0", true),
                Arguments.of("203.0.113.0/24", "203.0.113.255", true),
                Arguments.of("203.0.113.0/24", "203.0.114.0", false),
                Arguments.of("10.0.0.0/8", "10.255.1.2", true),
                Arguments.of("10.0.0.0/9", "10.128.0.1", false),
                Arguments.of("10.0.0.0/9", "10.127.0.1", true),
                Arguments.of("0.0.0.0/0", "192.0.2.1", true),
                Arguments.of("192.0.2.7", "192.0.2.7", true),
                Arguments.of("192.0.2.7", "192.0.2.8", false),
                Arguments.of("203.0.113.77/24", "203.0.113.1", true),
                Arguments.of("2001:db8::/32", "2001:db8:ffff::1", true),
                Arguments.of("2001:db8::/32", "2001:db9::1", false),
                Arguments.of("2001:db8::/127", "2001:db8::1", true),
                Arguments.of("2001:db8::/128", "2001:db8::1", false),
                Arguments.of("::1", "0:0:0:0:0:0:0:1", true),
                Arguments.of("::/0", "fe80::1", true),
                Arguments.of("::/0", "192.0.2.1", false),
                Arguments.of("0.0.0.0/0", "2001:db8::1", false),
                Arguments.of("192.0.2.0/24", "::ffff:192.0.2.9", true),
                Arguments.of("::ffff:192.0.2.0/120", "192.0.2.9", true),
                Arguments.of("64:ff9b::/96", "64:ff9b::192.0.2.1", true),
                Arguments.of("203.0.113.0/24", "not-an-ip", false),
                Arguments.of("203.0.113.0/24", "203.0.113.0/24", false));
    }

    @ParameterizedTest(name = "{0} contains {1} = {2}")
    @MethodSource("containment")
    void contains(String range, String ip, boolean expected) {
        assertThat(IpRange.parse(range)).isPresent();
        assertThat(IpRange.parse(range).orElseThrow().contains(ip)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/-1",
        "1.2.3.04444", "2001:db8::/129", "2001:db8:::1", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::1",
        "1.2.3.4::", "localhost", "example.com", " 1.2.3.4"})
    void refuses(String text) {
        assertThat(IpRange.parse(text)).isEmpty();
    }
}
