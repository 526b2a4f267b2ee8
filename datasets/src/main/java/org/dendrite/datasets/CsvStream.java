package org.dendrite.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A CSV file read lazily in mini-batches, as a DL4J iterator: what {@link Csv#stream} returns. Each
 * batch goes through the same checks as {@link Csv#build()} (blank lines skipped, every cell a
 * finite number, labels class indices), and a problem names file, line and column.
 */
final class CsvStream extends BatchIterator {

    private final Csv csv;
    private final int labelColumn;
    private final int columns;
    private final int firstLine;
    private final CsvReader reader;
    private CsvReader.Row pending;

    /**
     * @param skip      the lines before the first data row
     * @param first     the first data row's table, for its cell count and line
     */
    CsvStream(Csv csv, int skip, int labelColumn, CsvTable first, int batch) throws IOException {
        super(batch);
        this.csv = csv;
        this.labelColumn = labelColumn;
        this.columns = first.columns();
        this.firstLine = first.lines()[0];
        this.reader = CsvReader.open(csv.file(), csv.delimiter(), skip);
        this.pending = reader.next();
    }

    @Override
    public boolean hasNext() {
        return pending != null;
    }

    @Override
    DataSet read(int size) {
        if (pending == null) {
            throw new NoSuchElementException(csv.file() + ": no rows left; call reset() for another pass");
        }
        var rows = new CsvTable.Builder(csv.file(), csv.dropsInvalid());
        try {
            rows.expectColumns(columns, firstLine);
            while (pending != null && rows.rows() < size) {
                rows.add(pending);
                pending = reader.next();
            }
            return csv.split(rows.build(false), labelColumn, false).toDataSet();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public int inputColumns() {
        return columns - 1;
    }

    @Override
    public int totalOutcomes() {
        return csv.labelWidth();
    }

    @Override
    public void reset() {
        reader.reset();
        pending = reader.next();
    }

    @Override
    public String toString() {
        return "CsvStream[" + csv + ", batches of " + batch() + "]";
    }
}
