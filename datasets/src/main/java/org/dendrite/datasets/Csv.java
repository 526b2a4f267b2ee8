package org.dendrite.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

/**
 * Reads a numeric CSV file into a {@link Dataset}, on DataVec's CSV reader:
 * <pre>{@code
 * Dataset any = Csv.read(Path.of("data.csv")).label(-1).build();            // last column is the label
 * Dataset reg = Csv.read(path).label(-1).regression().build();             // real-valued target
 * Dataset ten = Csv.read(path).label(0).classes(10).delimiter(';').skipLines(1).build();
 * }</pre>
 * An immutable set of options: each call returns a new {@code Csv}. By default the last column
 * is a class label, cells are comma-separated, and the first line is skipped as a header exactly
 * when none of its cells is a number.
 *
 * <p>Labels of a classification come out as Keras's losses expect them: with {@code classes(n)}
 * one-hot rows of {@code n}; without it the class count is {@code max + 1}, and two classes give
 * one 0/1 column (for a sigmoid output), more give one-hot rows (for softmax).
 */
public final class Csv {

    private final Path file;
    private final int label;
    private final int classes;
    private final boolean regression;
    private final char delimiter;
    private final int skipLines;
    private final boolean dropInvalid;

    private Csv(
            Path file, int label, int classes, boolean regression, char delimiter, int skipLines, boolean dropInvalid) {
        this.file = file;
        this.label = label;
        this.classes = classes;
        this.regression = regression;
        this.delimiter = delimiter;
        this.skipLines = skipLines;
        this.dropInvalid = dropInvalid;
    }

    /** Starts reading {@code file}; nothing is read until {@link #build} or {@link #stream}. */
    public static Csv read(Path file) {
        return new Csv(Objects.requireNonNull(file, "file"), -1, 0, false, ',', -1, false);
    }

    /** The label column: 0-based from the left, or negative from the right ({@code -1} = last). */
    public Csv label(int column) {
        return new Csv(file, column, classes, regression, delimiter, skipLines, dropInvalid);
    }

    /** The number of classes; labels must be integers in {@code 0..n-1}. Gives one-hot label rows. */
    public Csv classes(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("classes(n) needs at least 2 classes, received n=" + n);
        }
        return new Csv(file, label, n, false, delimiter, skipLines, dropInvalid);
    }

    /** The label is a real-valued target, kept as it is. */
    public Csv regression() {
        return new Csv(file, label, 0, true, delimiter, skipLines, dropInvalid);
    }

    /** The cell separator, {@code ','} by default. */
    public Csv delimiter(char delimiter) {
        return new Csv(file, label, classes, regression, delimiter, skipLines, dropInvalid);
    }

    /** Skip exactly {@code n} lines at the top (turns off header detection). */
    public Csv skipLines(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("skipLines(n) needs n ≥ 0, received n=" + n);
        }
        return new Csv(file, label, classes, regression, delimiter, n, dropInvalid);
    }

    /**
     * Drop rows with an empty, NaN or infinite cell instead of failing; how many and which lines
     * is logged as a warning.
     */
    public Csv dropInvalid() {
        return new Csv(file, label, classes, regression, delimiter, skipLines, true);
    }

    /**
     * Reads the whole file.
     *
     * @throws UncheckedIOException naming file, line and column: missing or empty file, no data
     *     rows, ragged rows, a non-numeric or non-finite cell, a label column out of range, a
     *     label that is not a class index, fewer than two classes
     */
    public Dataset build() {
        try {
            CsvTable table = CsvTable.read(file, delimiter, skipLines, dropInvalid);
            if (!table.dropped().isEmpty()) {
                LoggerFactory.getLogger(Csv.class)
                        .warn(
                                "{}: dropped {} rows with missing or non-finite cells (lines {})",
                                file,
                                table.dropped().size(),
                                table.dropped());
            }
            return split(table, labelColumn(table.columns()), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Reads the file lazily in mini-batches of {@code batchSize}, for files larger than memory
     * ({@code model.fit(Csv.read(path).classes(3).stream(1024), epochs(5))}). Needs
     * {@code classes(n)} or {@code regression()}, since the class count cannot be learnt without
     * reading everything. The first line is checked now, each later one as it is read, with the
     * same messages as {@link #build()}: file, line and column.
     */
    public DataSetIterator stream(int batchSize) {
        if (!regression && classes == 0) {
            throw new IllegalStateException(
                    "stream(batch) reads lazily and cannot count the classes first: call classes(n) or regression()");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException(
                    "stream(batch) needs a positive batch size, received batchSize=" + batchSize);
        }
        try {
            CsvTable head = CsvTable.read(file, delimiter, skipLines, dropInvalid, 1);
            int skip = skipLines >= 0 ? skipLines : head.header() ? head.lines()[0] - 1 : 0;
            return new CsvStream(this, skip, labelColumn(head.columns()), head, batchSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** A table's rows as features and labels, the label column taken out. */
    Dataset split(CsvTable table, int labelColumn, boolean wholeFile) throws IOException {
        float[] features = new float[table.rows() * (table.columns() - 1)];
        float[] targets = new float[table.rows()];
        for (int r = 0, f = 0; r < table.rows(); r++) {
            for (int c = 0; c < table.columns(); c++) {
                if (c == labelColumn) {
                    targets[r] = table.get(r, c);
                } else {
                    features[f++] = table.get(r, c);
                }
            }
        }
        var x = Nd4j.create(features, table.rows(), table.columns() - 1);
        var y = regression
                ? Nd4j.create(targets, table.rows(), 1)
                : CsvLabels.classify(table, labelColumn, targets, classes, wholeFile);
        return Dataset.of(x, y);
    }

    Path file() {
        return file;
    }

    char delimiter() {
        return delimiter;
    }

    boolean dropsInvalid() {
        return dropInvalid;
    }

    /** The label width each batch of {@link #stream} has: 1 for regression, the class count otherwise. */
    int labelWidth() {
        return regression ? 1 : classes;
    }

    private int labelColumn(int columns) throws IOException {
        int resolved = label < 0 ? columns + label : label;
        if (resolved < 0 || resolved >= columns) {
            throw new IOException("label column " + label + " is out of range: " + file + " has " + columns
                    + " columns (0.." + (columns - 1) + ", or -1..-" + columns + " counting from the end)");
        }
        if (columns < 2) {
            throw new IOException(file + " has a single column: it needs features besides the label");
        }
        return resolved;
    }

    /** E.g. {@code Csv[data.csv, label -1, classes inferred, ',' , header auto]}. */
    @Override
    public String toString() {
        return "Csv[" + file + ", label " + label + ", "
                + (regression ? "regression" : classes > 0 ? classes + " classes" : "classes inferred") + ", '"
                + delimiter + "', " + (skipLines < 0 ? "header auto" : "skip " + skipLines)
                + (dropInvalid ? ", drop invalid" : "") + "]";
    }
}
