package dev.berth.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AWS tag rules: key 1..128, value 0..256, letters, digits, spaces and {@code _ . : / = + - @}, no {@code aws:}. */
class ResourceTagTest {

    @ParameterizedTest(name = "[{0}] = [{1}]")
    @CsvSource(value = {
            "env|prod",
            "env|''",
            "Team Name|Platform Co",
            "a:b/c=d+e-f@g_h.i|1 2 3",
            "\u00e9quipe|\u65e5\u672c",
            "awsome|starts with aws but not aws:",
            "x|aws:fine-in-a-value"}, delimiter = '|')
    void acceptsWhatAwsAccepts(String key, String value) {
        String v = value.equals("''") ? "" : value;
        assertThat(new ResourceTag(key, v)).extracting(ResourceTag::key, ResourceTag::value).containsExactly(key, v);
    }

    @ParameterizedTest(name = "[{0}] = [{1}]: {2}")
    @CsvSource(value = {
            "''|v|1 to 128",
            "aws:cloudformation:stack-name|v|reserved",
            "AWS:x|v|reserved",
            "k*|v|only letters",
            "k|v#1|only letters",
            "k|semi;colon|only letters",
            "k|Platform & Co|only letters"}, delimiter = '|')
    void refusesWhatAwsRefuses(String key, String value, String message) {
        String k = key.equals("''") ? "" : key;
        assertThatThrownBy(() -> new ResourceTag(k, value)).isInstanceOf(InvalidResourceTagException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "key {0} chars, value {1} chars, ok={2}")
    @CsvSource({"128, 256, true", "129, 0, false", "1, 257, false"})
    void lengthsAreCountedInCharactersNotUtf16Units(int keyLength, int valueLength, boolean ok) {
        String key = "\uD835\uDC00".repeat(keyLength);   // U+1D400, a letter outside the BMP: two UTF-16 units
        String value = "\u00e9".repeat(valueLength);
        if (ok) {
            assertThat(new ResourceTag(key, value).key()).hasSize(2 * keyLength);
        } else {
            assertThatThrownBy(() -> new ResourceTag(key, value)).isInstanceOf(InvalidResourceTagException.class);
        }
    }
}
