package org.dendrite.datasets;

import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Describes labels for a person: class balance for class labels, mean and range for real targets. */
final class LabelSummary {

    private static final int MAX_CLASSES_SHOWN = 12;

    private LabelSummary() {}

    static String describe(INDArray labels) {
        SortedMap<Integer, Integer> counts = classCounts(labels);
        if (counts == null) {
            return String.format(
                    Locale.ROOT,
                    "real-valued labels, mean %.4g, range [%.4g, %.4g]",
                    labels.meanNumber().doubleValue(),
                    labels.minNumber().doubleValue(),
                    labels.maxNumber().doubleValue());
        }
        long n = labels.size(0);
        StringBuilder s = new StringBuilder(counts.size() == 2 ? "labels " : counts.size() + " classes ");
        int shown = 0;
        for (var e : counts.entrySet()) {
            if (shown++ == MAX_CLASSES_SHOWN) {
                s.append(", …");
                break;
            }
            if (shown > 1) {
                s.append(", ");
            }
            s.append(String.format(Locale.ROOT, "%d: %d (%.1f%%)", e.getKey(), e.getValue(), 100.0 * e.getValue() / n));
        }
        return s.toString();
    }

    /** Counts per class, or null when the labels are not class labels. */
    private static SortedMap<Integer, Integer> classCounts(INDArray labels) {
        SortedMap<Integer, Integer> counts = new TreeMap<>();
        if (labels.size(1) == 1) {
            for (double v : labels.reshape(labels.length()).toDoubleVector()) {
                if (v != Math.rint(v) || v < 0) {
                    return null;
                }
                counts.merge((int) v, 1, Integer::sum);
            }
            return counts;
        }
        if (!isOneHot(labels)) {
            return null;
        }
        for (long c : labels.argMax(1).toLongVector()) {
            counts.merge((int) c, 1, Integer::sum);
        }
        return counts;
    }

    private static boolean isOneHot(INDArray labels) {
        double ones = labels.eq(1).castTo(labels.dataType()).sumNumber().doubleValue();
        double zeros = labels.eq(0).castTo(labels.dataType()).sumNumber().doubleValue();
        return ones + zeros == labels.length() && ones == labels.size(0);
    }
}
