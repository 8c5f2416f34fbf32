package dev.berth.cli.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BoundedInputStreamTest {
    private static final byte[] TEN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void readsOnlyItsLengthThenTheNextSliceCarriesOn() throws IOException {
        InputStream source = new ByteArrayInputStream(TEN);
        try (InputStream first = BoundedInputStream.slice(source, 4)) {
            assertThat(first.readAllBytes()).containsExactly(0, 1, 2, 3);
            assertThat(first.read()).isEqualTo(-1);
        }
        try (InputStream second = BoundedInputStream.slice(source, 3)) {
            assertThat(second.read()).isEqualTo(4);
            assertThat(second.readAllBytes()).containsExactly(5, 6);
        }
        assertThat(source.read()).isEqualTo(7);
    }

    @Test
    void skipAndAvailableStayInsideTheBound() throws IOException {
        InputStream bounded = BoundedInputStream.owning(new ByteArrayInputStream(TEN), 5);
        assertThat(bounded.available()).isEqualTo(5);
        assertThat(bounded.skip(100)).isEqualTo(5);
        assertThat(bounded.available()).isZero();
        assertThat(bounded.read(new byte[3], 0, 3)).isEqualTo(-1);
    }

    @Test
    void onlyTheOwningBoundClosesItsSource() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream source = new FilterInputStream(new ByteArrayInputStream(TEN)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        BoundedInputStream.slice(source, 2).close();
        assertThat(closed).isFalse();
        BoundedInputStream.owning(source, 2).close();
        assertThat(closed).isTrue();
    }
}
