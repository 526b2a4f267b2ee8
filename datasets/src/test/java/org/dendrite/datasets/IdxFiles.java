package org.dendrite.datasets;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small MNIST-format folders for tests: {@code n} images of {@code side}×{@code side} where image
 * {@code i}'s pixel {@code p} (row-major) holds the byte {@code (i + p) mod 256}, and labels {@code i mod 10}.
 */
final class IdxFiles {

    private IdxFiles() {}

    static void writeFolder(Path dir, int train, int test, int side, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        String gz = gzip ? ".gz" : "";
        write(dir.resolve(Mnist.TRAIN_IMAGES + gz), images(train, side), gzip);
        write(dir.resolve(Mnist.TRAIN_LABELS + gz), labels(train), gzip);
        write(dir.resolve(Mnist.TEST_IMAGES + gz), images(test, side), gzip);
        write(dir.resolve(Mnist.TEST_LABELS + gz), labels(test), gzip);
    }

    static byte[] images(int n, int side) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(n);
        out.writeInt(side);
        out.writeInt(side);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < side * side; p++) {
                out.writeByte((i + p) % 256);
            }
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int n) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeByte(i % 10);
        }
        return bytes.toByteArray();
    }

    static void write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out =
                gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
    }
}
