package org.dendrite.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file, the format of MNIST and Fashion-MNIST: a magic number naming the element type
 * and rank, the size of each dimension, then the elements. Only unsigned bytes (type 0x08),
 * the type those data sets use, are read. A file is gunzipped when it starts with the gzip
 * magic bytes, whatever its name.
 *
 * @param dimensions the size of each dimension, e.g. {@code [60000, 28, 28]}
 * @param data       the elements in row-major order, as unsigned bytes
 */
record Idx(Path file, int[] dimensions, byte[] data) {

    private static final int UNSIGNED_BYTE = 0x08;

    /**
     * Reads {@code file}, checking that it is IDX of unsigned bytes with the given rank.
     *
     * @throws IOException naming the file and what is wrong: missing, not gzip though named
     *     {@code .gz}, wrong magic number, or fewer data bytes than its header declares
     */
    static Idx read(Path file, int rank) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no IDX file here");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(open(file), 1 << 16))) {
            int magic = readHeaderInt(in, file, "magic number");
            int expected = UNSIGNED_BYTE << 8 | rank;
            if (magic != expected) {
                throw new IOException(file + ": wrong magic number 0x" + hex(magic) + ", expected 0x" + hex(expected)
                        + " (IDX, unsigned bytes, " + rank + " dimension" + (rank == 1 ? "" : "s") + ")");
            }
            int[] dims = new int[rank];
            long length = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = readHeaderInt(in, file, "size of dimension " + i);
                if (dims[i] < 0) {
                    throw new IOException(file + ": dimension " + i + " has negative size " + dims[i]);
                }
                length *= dims[i];
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": " + length + " elements are more than one array can hold");
            }
            byte[] data = new byte[(int) length];
            int read = in.readNBytes(data, 0, data.length);
            if (read < data.length) {
                throw new IOException(file + " is truncated: its header declares " + describe(dims) + " = " + length
                        + " bytes of data, but the file holds only " + read);
            }
            return new Idx(file, dims, data);
        }
    }

    /** The number of items along the first dimension (images or labels). */
    int count() {
        return dimensions[0];
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(raw, 1 << 16);
        }
        if (file.getFileName().toString().endsWith(".gz")) {
            raw.close();
            throw new IOException(file + " is named .gz but is not gzip: it starts with bytes 0x" + hex2(b0) + " 0x"
                    + hex2(b1) + " instead of 0x1f 0x8b");
        }
        return raw;
    }

    private static int readHeaderInt(DataInputStream in, Path file, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IOException(file + " is truncated: it ends inside the header, before the " + what, e);
        }
    }

    private static String describe(int[] dims) {
        return Arrays.stream(dims)
                .mapToObj(Integer::toString)
                .reduce((a, b) -> a + "×" + b)
                .orElse("");
    }

    private static String hex(int v) {
        return String.format("%08x", v);
    }

    private static String hex2(int b) {
        return b < 0 ? "(end of file)" : String.format("%02x", b);
    }
}
