package dev.berth.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.metadata.EncryptionConfiguration.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ECR {@code EncryptionConfiguration}: AES256 takes no key; KMS and KMS_DSSE an optional one of 1..2048. */
class EncryptionConfigurationTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"AES256,", "KMS,", "KMS,alias/berth", "KMS_DSSE,", "KMS_DSSE,arn:aws:kms:us-east-1:123456789012:key/x"})
    void accepts(String type, String kmsKey) {
        EncryptionConfiguration config = new EncryptionConfiguration(Type.parse(type), kmsKey);
        assertThat(config.kmsKeyIfGiven()).isEqualTo(java.util.Optional.ofNullable(kmsKey));
    }

    @Test
    void refusesAKeyWithAes256AndKeysOfTheWrongLength() {
        assertThatThrownBy(() -> new EncryptionConfiguration(Type.AES256, "alias/x"))
                .isInstanceOf(InvalidEncryptionConfigurationException.class).hasMessageContaining("only allowed");
        assertThatThrownBy(() -> new EncryptionConfiguration(Type.KMS, ""))
                .isInstanceOf(InvalidEncryptionConfigurationException.class).hasMessageContaining("1 to 2048");
        assertThatThrownBy(() -> new EncryptionConfiguration(Type.KMS, "k".repeat(2049)))
                .isInstanceOf(InvalidEncryptionConfigurationException.class);
        assertThat(new EncryptionConfiguration(Type.KMS, "k".repeat(2048)).kmsKey()).hasSize(2048);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "aes256", "KMS ", "DSSE", "NONE"})
    void typesParseOnlyAsEcrSpellsThem(String text) {
        assertThatThrownBy(() -> Type.parse(text)).isInstanceOf(InvalidEncryptionConfigurationException.class);
    }
}
