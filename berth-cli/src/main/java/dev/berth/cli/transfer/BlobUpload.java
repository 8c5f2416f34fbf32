package dev.berth.cli.transfer;

import dev.berth.cli.image.Descriptor;
import dev.berth.cli.io.BoundedInputStream;
import dev.berth.cli.registry.RegistryClient;
import dev.berth.cli.registry.RegistryException;
import dev.berth.cli.registry.Upload;
import dev.berth.oci.RepositoryName;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One blob's upload. A blob that fits in one chunk goes in one {@code PUT ?digest=}. A larger one goes in
 * {@code PATCH} chunks with {@code Content-Range}, read in sequence from one open source stream; when a chunk
 * fails in transit (the connection drops, or the source stream fails) the upload asks the registry how much it
 * holds ({@code GET <location>} → {@code Range}), reopens the source at that offset and continues from there rather
 * than from zero, up to {@link #MAX_FAILURES} failures in a row; an expired Bearer token is handled the same way. A registry that refuses the first chunk as a
 * request it does not support gets the whole blob in one {@code PUT} instead. The registry checks the digest.
 */
final class BlobUpload {
    static final int MAX_FAILURES = 3;

    private final RegistryClient client;
    private final RepositoryName repository;
    private final Descriptor blob;
    private final BlobContent content;
    private final long chunkSize;
    private final TransferListener listener;

    BlobUpload(RegistryClient client, RepositoryName repository, Descriptor blob, BlobContent content,
            long chunkSize, TransferListener listener) {
        this.client = client;
        this.repository = repository;
        this.blob = blob;
        this.content = content;
        this.chunkSize = chunkSize;
        this.listener = listener;
    }

    /** @param session an upload session already opened (by a mount the registry turned into one), or null */
    void run(Upload session) {
        Upload upload = session != null ? session : client.startUpload(repository);
        if (blob.size() <= chunkSize) {
            monolithic(upload);
        } else {
            chunked(upload);
        }
    }

    private void monolithic(Upload first) {
        Upload upload = first;
        for (int failures = 0; ; ) {
            try (InputStream in = open(0)) {
                client.complete(repository, upload, blob.digest(), counted(in), blob.size());
                return;
            } catch (RegistryException e) {
                if (!e.isRetryable() || ++failures >= MAX_FAILURES) {
                    throw e;
                }
                listener.blobResumed(blob, 0, e.getMessage());
                upload = client.startUpload(repository);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void chunked(Upload first) {
        Upload upload = first;
        long offset = 0;
        int failures = 0;
        InputStream source = open(0);
        try {
            while (offset < blob.size()) {
                long length = Math.min(chunkSize, blob.size() - offset);
                try {
                    upload = client.patch(repository, upload, offset, counted(BoundedInputStream.slice(source, length)), length);
                    offset += length;
                    failures = 0;
                } catch (RegistryException e) {
                    if (offset == 0 && e.kind() == RegistryException.Kind.INVALID) {
                        client.cancel(repository, upload);
                        closeQuietly(source);
                        source = null;
                        monolithic(client.startUpload(repository));
                        return;
                    }
                    if (!e.isRetryable() || ++failures >= MAX_FAILURES) {
                        throw e;
                    }
                    offset = client.uploadedSize(repository, upload);
                    listener.blobResumed(blob, offset, e.getMessage());
                    closeQuietly(source);
                    source = open(offset);
                }
            }
            client.complete(repository, upload, blob.digest(), InputStream.nullInputStream(), 0);
        } finally {
            if (source != null) {
                closeQuietly(source);
            }
        }
    }

    private InputStream open(long offset) {
        try {
            return content.open(offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + blob.digest() + ": " + e.getMessage(), e);
        }
    }

    private InputStream counted(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    listener.bytes(blob, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0) {
                    listener.bytes(blob, n);
                }
                return n;
            }
        };
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the stream is abandoned either way
        }
    }
}
