package org.dendrite.datasets;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;

/**
 * The non-blank rows of a CSV file, one at a time, with their file line: DataVec's
 * {@link CSVRecordReader} over the file as a person sees it, gzip-compressed or not (told by its
 * first bytes, not its name), with a UTF-8 byte-order mark skipped.
 */
final class CsvReader implements Closeable {

    /** One row: its cells as written and its 1-based line in the file. */
    record Row(List<String> cells, int line) {}

    private final CSVRecordReader reader;

    private CsvReader(CSVRecordReader reader) {
        this.reader = reader;
    }

    /** Opens {@code file}, skipping {@code skipLines} lines at the top. */
    static CsvReader open(Path file, char delimiter, int skipLines) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no CSV file here");
        }
        if (Files.size(file) == 0) {
            throw new IOException(file + " is empty");
        }
        var reader = new CSVRecordReader(skipLines, delimiter) {
            {
                streamCreatorFn = CsvReader::decoded;
            }
        };
        try {
            reader.initialize(new FileSplit(file.toFile()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + file, e);
        }
        return new CsvReader(reader);
    }

    /** The next non-blank row, or null at the end of the file. */
    Row next() {
        while (reader.hasNext()) {
            Record record = reader.nextRecord();
            List<Writable> cells = record.getRecord();
            if (cells.size() == 1 && cells.get(0).toString().isBlank()) {
                continue;
            }
            int line = (int) ((RecordMetaDataLine) record.getMetaData()).getLineNumber() + 1;
            return new Row(cells.stream().map(Writable::toString).toList(), line);
        }
        return null;
    }

    /** Back to the first row. */
    void reset() {
        reader.reset();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** The file's bytes as text: gunzipped when they start with gzip's magic number, without a UTF-8 byte-order mark. */
    private static InputStream decoded(URI location) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(location)));
            if (startsWith(in, 0x1f, 0x8b)) {
                in = new BufferedInputStream(new GZIPInputStream(in));
            }
            if (!startsWith(in, 0xef, 0xbb, 0xbf)) {
                return in;
            }
            in.skipNBytes(3);
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(location + ": " + e.getMessage(), e);
        }
    }

    private static boolean startsWith(InputStream in, int... bytes) throws IOException {
        in.mark(bytes.length);
        try {
            for (int b : bytes) {
                if (in.read() != b) {
                    return false;
                }
            }
            return true;
        } finally {
            in.reset();
        }
    }
}
