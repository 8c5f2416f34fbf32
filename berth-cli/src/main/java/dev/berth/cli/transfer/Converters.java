package dev.berth.cli.transfer;

import dev.berth.cli.registry.ImageReference;
import dev.berth.oci.InvalidReferenceException;
import dev.berth.oci.RepositoryName;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Arguments parsed at the edge: a malformed one is a usage error (exit 2) with a readable message. */
final class Converters {
    private Converters() {
    }

    static final class Reference implements ITypeConverter<ImageReference> {
        @Override
        public ImageReference convert(String value) {
            try {
                return ImageReference.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Repository implements ITypeConverter<RepositoryName> {
        @Override
        public RepositoryName convert(String value) {
            try {
                return RepositoryName.parse(value);
            } catch (InvalidReferenceException e) {
                throw new TypeConversionException("not a repository name: '" + value + "'");
            }
        }
    }

    static final class Location implements ITypeConverter<ImageLocation> {
        @Override
        public ImageLocation convert(String value) {
            try {
                return ImageLocation.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
