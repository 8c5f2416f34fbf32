package dev.berth.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical forms of SigV4, table by table. */
class CanonicalFormsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                 | /",
        "/                  | /",
        "/v2/app            | /v2/app",
        "/a%20b             | /a%2520b",
        "/a%2Fb/c           | /a%252Fb/c",
        "/a b               | /a%20b",
        "/a/./b/../c        | /a/c",
        "/a/b/.             | /a/b",
        "/a/b/..            | /a",
        "/a/./b/../c/       | /a/c/",
        "/a//b              | /a//b",
        "/~user/x-y_z.1     | /~user/x-y_z.1",
        "/é                 | /%C3%A9",
    })
    void canonicalUri(String raw, String canonical) {
        assertThat(UriEncoding.canonicalUri(raw)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                       | ''",
        "a=1                      | a=1",
        "b=2&a=1                  | a=1&b=2",
        "a=2&a=10&a=1             | a=1&a=10&a=2",
        "k                        | k=",
        "k=                       | k=",
        "=v&k=1                   | k=1",
        "a=1&&b=2                 | a=1&b=2",
        "s=a%20b                  | s=a%20b",
        "s=a+b                    | s=a%2Bb",
        "s=a%2bb                  | s=a%2Bb",
        "t=%7E~                   | t=~~",
        "u=%C3%BC                 | u=%C3%BC",
        "u=ü                      | u=%C3%BC",
        "p=100%                   | p=100%25",
        "p=%zz                    | p=%25zz",
        "Z=1&a=1&B=1              | B=1&Z=1&a=1",
        "x=1&X-Amz-Signature=abc  | x=1",
    })
    void canonicalQuery(String raw, String canonical) {
        assertThat(QueryParameters.parse(raw).canonical("X-Amz-Signature")).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
        "'value'              | 'value'",
        "'  value  '          | 'value'",
        "'a   b'              | 'a b'",
        "'a \t\t b'           | 'a b'",
        "'   '                | ''",
        "''                   | ''",
        "'\"a  b\"'           | '\"a b\"'",
    })
    void headerValues(String value, String canonical) {
        StringBuilder out = new StringBuilder();
        CanonicalRequest.appendTrimmed(out, value.replace("\\t", "\t"));
        assertThat(out.toString()).isEqualTo(canonical);
    }
}
