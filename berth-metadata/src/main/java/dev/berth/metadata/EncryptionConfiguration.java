package dev.berth.metadata;

import java.util.Objects;
import java.util.Optional;

/**
 * A repository's encryption at rest as ECR's {@code encryptionConfiguration} states it. Berth records and reports it;
 * it does not encrypt blobs with it. Fixed when the repository is created (ECR cannot change it later).
 *
 * @param kmsKey the KMS key (alias, id or ARN, 1 to {@value #MAX_KMS_KEY_LENGTH} characters) for {@code KMS} and
 *               {@code KMS_DSSE}, or null for the AWS managed key; always null for {@code AES256}
 */
public record EncryptionConfiguration(Type type, String kmsKey) {
    public static final int MAX_KMS_KEY_LENGTH = 2048;
    /** What a repository gets when nothing is asked for. */
    public static final EncryptionConfiguration AES256 = new EncryptionConfiguration(Type.AES256, null);

    /** ECR's {@code EncryptionType} values, spelled as on the wire. */
    public enum Type {
        AES256, KMS, KMS_DSSE;

        /** The type spelled exactly as ECR spells it; anything else is refused. */
        public static Type parse(String text) {
            for (Type type : values()) {
                if (type.name().equals(text)) {
                    return type;
                }
            }
            throw new InvalidEncryptionConfigurationException("encryptionType must be AES256, KMS or KMS_DSSE");
        }
    }

    public EncryptionConfiguration {
        Objects.requireNonNull(type, "type");
        if (kmsKey != null) {
            if (type == Type.AES256) {
                throw new InvalidEncryptionConfigurationException("kmsKey is only allowed with KMS or KMS_DSSE");
            }
            if (kmsKey.isEmpty() || kmsKey.length() > MAX_KMS_KEY_LENGTH) {
                throw new InvalidEncryptionConfigurationException(
                        "kmsKey must be 1 to " + MAX_KMS_KEY_LENGTH + " characters");
            }
        }
    }

    public Optional<String> kmsKeyIfGiven() {
        return Optional.ofNullable(kmsKey);
    }
}
