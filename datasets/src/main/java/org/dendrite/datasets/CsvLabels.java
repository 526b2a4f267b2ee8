package org.dendrite.datasets;

import java.io.IOException;
import java.util.BitSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns a CSV label column into class labels, checking every value is a class index. */
final class CsvLabels {

    private CsvLabels() {}

    /**
     * One-hot rows of {@code classes} (or of {@code max + 1} when {@code classes} is 0 and more
     * than two are found), or one 0/1 column when the count is inferred as two.
     *
     * @throws IOException naming line and column of a label that is not an integer in range, or
     *     the column when fewer than two classes occur
     */
    static INDArray classify(CsvTable table, int column, float[] labels, int classes) throws IOException {
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
        if (seen.cardinality() < 2) {
            throw new IOException(table.file() + ": every label in column " + (column + 1) + " is " + seen.nextSetBit(0)
                    + "; a classifier needs at least two classes (for a real-valued target call regression())");
        }
        int width = classes > 0 ? classes : seen.length();
        if (classes == 0 && width == 2) {
            return Nd4j.create(labels, labels.length, 1);
        }
        float[] oneHot = new float[labels.length * width];
        for (int r = 0; r < labels.length; r++) {
            oneHot[r * width + (int) labels[r]] = 1f;
        }
        return Nd4j.create(oneHot, labels.length, width);
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
