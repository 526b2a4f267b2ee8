package org.dendrite.datasets;

import java.io.IOException;
import java.util.BitSet;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns a CSV label column into class labels, checking every value is a class index. */
final class CsvLabels {

    /** The most classes inferred from the labels without classes(n). */
    static final int MAX_INFERRED_CLASSES = 1_000;

    private CsvLabels() {}

    /**
     * One-hot rows of {@code classes} (or of {@code max + 1} when {@code classes} is 0 and more
     * than two are found), or one 0/1 column when the count is inferred as two.
     *
     * @param wholeFile whether these are all the file's labels (then at least two classes must
     *     occur); false for one batch of a stream
     * @throws IOException naming line and column of a label that is not an integer in range, or
     *     the column when fewer than two classes occur
     */
    static INDArray classify(CsvTable table, int column, float[] labels, int classes, boolean wholeFile)
            throws IOException {
        BitSet seen = new BitSet();
        for (int r = 0; r < labels.length; r++) {
            float v = labels[r];
            String problem = problem(v, classes);
            if (problem != null) {
                throw new IOException(
                        CsvTable.at(table.file(), table.lines()[r], column) + "label " + format(v) + " " + problem);
            }
            seen.set((int) v);
        }
        if (wholeFile && seen.cardinality() < 2) {
            throw new IOException(table.file() + ": every label in column " + (column + 1) + " is " + seen.nextSetBit(0)
                    + "; a classifier needs at least two classes (for a real-valued target call regression())");
        }
        int width = classes > 0 ? classes : seen.length();
        if (classes == 0 && looksLikeRegression(seen, labels.length)) {
            throw new IOException(table.file() + ": label column " + (column + 1) + " holds " + seen.cardinality()
                    + " distinct integers up to " + (seen.length() - 1) + " in " + labels.length
                    + " rows; as classes they "
                    + "would make " + labels.length + " one-hot rows of " + width
                    + ". This looks like a regression target: "
                    + "call regression() (or classes(n) if they really are class indices)");
        }
        long bytes = (long) labels.length * width * Float.BYTES;
        if (bytes > Pointer.maxBytes() / 2 || (long) labels.length * width > Integer.MAX_VALUE) {
            throw new IOException(String.format(
                    Locale.ROOT,
                    "%s: %d one-hot label rows of %d classes need %.1f GB, more than half "
                            + "the %.1f GB ND4J may use (org.bytedeco.javacpp.maxBytes); use fewer classes or read the file with stream(batch)",
                    table.file(),
                    labels.length,
                    width,
                    bytes / 1e9,
                    Pointer.maxBytes() / 1e9));
        }
        if (classes == 0 && width == 2) {
            return Nd4j.create(labels, labels.length, 1);
        }
        float[] oneHot = new float[labels.length * width];
        for (int r = 0; r < labels.length; r++) {
            oneHot[r * width + (int) labels[r]] = 1f;
        }
        return Nd4j.create(oneHot, labels.length, width);
    }

    /**
     * Whether inferred classes look like a real-valued target written as integers: over
     * {@value #MAX_INFERRED_CLASSES} classes, or more than 20 distinct values that are over half the rows.
     */
    private static boolean looksLikeRegression(BitSet seen, int rows) {
        int distinct = seen.cardinality();
        return seen.length() > MAX_INFERRED_CLASSES || (distinct > 20 && distinct > rows / 2);
    }

    /** What is wrong with label {@code v}, or null when it is a valid class index. */
    private static String problem(float v, int classes) {
        if (v != Math.rint(v) || v < 0) {
            return "is not a class index (an integer ≥ 0); for a real-valued target call regression()";
        }
        if (classes > 0 && v >= classes) {
            return "is not in 0.." + (classes - 1) + " (classes(" + classes + "))";
        }
        if (v > 1 << 20) {
            return "is too large for a class index; for a real-valued target call regression()";
        }
        return null;
    }

    private static String format(float v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Float.toString(v);
    }
}
