package org.dendrite.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;

/**
 * The numeric cells of a CSV file, read with DataVec's {@link CSVRecordReader}, with the file
 * line of every row kept for error messages. Blank lines are skipped (as pandas does); every
 * other line must have the same number of cells, each a number. Missing and non-finite cells
 * (empty, NaN, Inf) are an error naming line and column, or, when {@code dropInvalid}, drop
 * their row.
 *
 * @param values  the cells, row after row
 * @param columns cells per row
 * @param lines   the 1-based file line of each row
 * @param header  whether the first line was taken as a header
 * @param dropped the 1-based lines of rows dropped for invalid cells
 */
record CsvTable(Path file, float[] values, int columns, int[] lines, boolean header, List<Integer> dropped) {

    private static final Set<String> NON_FINITE =
            Set.of("nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

    int rows() {
        return lines.length;
    }

    float get(int row, int column) {
        return values[row * columns + column];
    }

    /**
     * @param skipLines lines to skip at the top, or -1 to detect a header as pandas does: a first
     *     line with a text cell, followed by a line of numbers (or by nothing), or a first line
     *     without any number
     */
    static CsvTable read(Path file, char delimiter, int skipLines, boolean dropInvalid) throws IOException {
        return read(file, delimiter, skipLines, dropInvalid, Integer.MAX_VALUE);
    }

    /** As {@link #read(Path, char, int, boolean)}, stopping after {@code limit} data rows. */
    static CsvTable read(Path file, char delimiter, int skipLines, boolean dropInvalid, int limit) throws IOException {
        var builder = new Builder(file, dropInvalid);
        boolean header = false;
        try (var reader = CsvReader.open(file, delimiter, Math.max(skipLines, 0))) { // closed on a bad cell too
            CsvReader.Row row = reader.next();
            if (row != null && skipLines < 0 && row.cells().stream().anyMatch(CsvTable::isText)) {
                CsvReader.Row second = reader.next();
                header = second == null
                        || allNumbers(second)
                        || row.cells().stream().noneMatch(CsvTable::isNumber);
                if (!header) {
                    builder.add(row);
                }
                row = second;
            }
            while (row != null && builder.rows() < limit) {
                builder.add(row);
                row = reader.next();
            }
        }
        if (builder.rows() == 0) {
            throw new IOException(file
                    + (header
                            ? " has a header line but no data rows"
                            : builder.droppedLines.isEmpty()
                                    ? " holds no data rows"
                                    : ": all " + builder.droppedLines.size()
                                            + " rows held missing or non-finite values and were dropped"));
        }
        return builder.build(header);
    }

    /** A cell a header has and data cannot: neither a number nor empty. */
    private static boolean isText(String cell) {
        return !cell.isBlank() && !isNumber(cell);
    }

    private static boolean allNumbers(CsvReader.Row row) {
        return row.cells().stream().allMatch(CsvTable::isNumber);
    }

    /** Where a cell is, for messages: {@code data.csv line 7, column 3: }. */
    static String at(Path file, int line, int column) {
        return file + " line " + line + ", column " + (column + 1) + ": ";
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return isNonFiniteWord(cell);
        }
    }

    /** NaN or an infinity written as a word Double.parseDouble does not take ({@code nan}, {@code inf}, ...). */
    private static boolean isNonFiniteWord(String cell) {
        return NON_FINITE.contains(cell.strip().toLowerCase(Locale.ROOT));
    }

    /** Collects rows into one growing float array. */
    static final class Builder {
        private final Path file;
        private final boolean dropInvalid;
        private final List<Integer> droppedLines = new ArrayList<>();
        private float[] values = new float[1 << 12];
        private int[] lines = new int[1 << 8];
        private int size;
        private int rows;
        private int columns = -1;
        private int firstLine;

        Builder(Path file, boolean dropInvalid) {
            this.file = file;
            this.dropInvalid = dropInvalid;
        }

        int rows() {
            return rows;
        }

        /** Every row must have {@code columns} cells, as line {@code line} has (for the batches of a stream). */
        void expectColumns(int columns, int line) {
            this.columns = columns;
            this.firstLine = line;
        }

        void add(CsvReader.Row row) throws IOException {
            List<String> cells = row.cells();
            int line = row.line();
            if (columns < 0) {
                columns = cells.size();
                firstLine = line;
            } else if (cells.size() != columns) {
                throw new IOException(file + " line " + line + ": " + cells.size() + " cells, but line " + firstLine
                        + " has " + columns + "; every row needs the same number of cells");
            }
            if (values.length < size + columns) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, size + columns));
            }
            for (int c = 0; c < columns; c++) {
                float value = parse(cells.get(c), line, c);
                if (Float.isNaN(value)) {
                    droppedLines.add(line);
                    return;
                }
                values[size + c] = value;
            }
            if (lines.length == rows) {
                lines = Arrays.copyOf(lines, rows * 2);
            }
            lines[rows++] = line;
            size += columns;
        }

        /** The cell's value, or NaN when it is missing or non-finite and {@code dropInvalid} is on. */
        private float parse(String cell, int line, int column) throws IOException {
            double value;
            try {
                value = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                if (!cell.isBlank() && !isNonFiniteWord(cell)) {
                    throw new IOException(at(file, line, column) + "\"" + cell + "\" is not a number"
                            + (line == firstLine
                                    ? "; if line " + line + " is a header, call skipLines(" + line + ")"
                                    : ""));
                }
                value = Double.NaN;
            }
            if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
                if (dropInvalid) {
                    return Float.NaN;
                }
                throw new IOException(at(file, line, column)
                        + (cell.isBlank() ? "the cell is empty" : "\"" + cell + "\" is not a finite number")
                        + "; fix the file or call dropInvalid() to drop such rows");
            }
            return (float) value;
        }

        CsvTable build(boolean header) {
            return new CsvTable(
                    file,
                    Arrays.copyOf(values, size),
                    columns,
                    Arrays.copyOf(lines, rows),
                    header,
                    List.copyOf(droppedLines));
        }
    }
}
