package org.dendrite.internal.compile;

import java.util.Arrays;
import java.util.List;
import org.dendrite.layers.Embedding;
import org.dendrite.losses.Loss;
import org.dendrite.metrics.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks, before training starts, that data fits the model: feature shape against the input
 * shape, label width and values against the output layer and the loss.
 */
public final class DataCheck {

    private DataCheck() {}

    /** Feature shape of one example against the model's input shape, both in Keras's layout. */
    public static void features(long[] dataShape, long[] inputShape, String origin) {
        if (!Arrays.equals(dataShape, inputShape)) {
            throw new IllegalArgumentException("the data has examples of shape " + Arrays.toString(dataShape)
                    + " (" + width(dataShape) + " features) but the model expects " + Arrays.toString(inputShape)
                    + " (" + origin + ")"
                    + (dataShape.length == 1 && inputShape.length == 3
                            ? "; flat rows of pixels become images with dataset.asImages(height, width, channels)"
                            : ""));
        }
    }

    /**
     * Token indices for every Embedding that takes {@code features} as they are, by the name
     * messages give it ({@code "layer 0"}, {@code "words"}, {@code "sequential/embedding"}).
     */
    public static void tokens(INDArray features, java.util.Map<String, Embedding> embeddings) {
        if (embeddings.isEmpty()) {
            return;
        }
        long columns = features.size(1);
        double[] values = features.reshape(features.length()).toDoubleVector();
        for (var e : new java.util.TreeMap<>(embeddings).entrySet()) {
            Embedding embedding = e.getValue();
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (v != Math.rint(v) || v < 0 || v >= embedding.vocabulary()) {
                    throw new IllegalArgumentException("token " + v + " at row " + i / columns + ", column "
                            + i % columns + " is not an index 0.." + (embedding.vocabulary() - 1) + " of " + e.getKey()
                            + " (" + embedding + ")");
                }
            }
        }
    }

    private static long width(long[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /**
     * Label columns and values against the model's output and the loss.
     *
     * @param outputs the model's output width (from the shape rules)
     * @param where   the output layer, as {@link OutputCheck#describe} names it
     */
    public static void labels(INDArray labels, long outputs, String where, Loss loss) {
        long width = labels.size(1);
        if (loss.equals(Loss.SPARSE_CATEGORICAL_CROSS_ENTROPY)) {
            if (width != 1) {
                throw new IllegalArgumentException(
                        "sparse categorical cross-entropy needs one label column of class indices, "
                                + "but the labels have " + width
                                + " columns; for one-hot labels use categoricalCrossEntropy");
            }
            requireClassIndices(labels, outputs, where);
            return;
        }
        if (width != outputs) {
            String hint = width == 1 && loss.equals(Loss.CATEGORICAL_CROSS_ENTROPY)
                    ? "; for labels that are class indices use sparseCategoricalCrossEntropy, or one-hot encode them"
                    : "";
            throw new IllegalArgumentException("the labels have " + width + " column" + (width == 1 ? "" : "s")
                    + " but " + where + " has " + outputs + " unit" + (outputs == 1 ? "" : "s") + hint);
        }
        if ((loss.equals(Loss.KL_DIVERGENCE) || loss.equals(Loss.POISSON))
                && labels.minNumber().doubleValue() < 0) {
            throw new IllegalArgumentException(
                    loss + " needs labels ≥ 0 (" + (loss.equals(Loss.POISSON) ? "counts" : "probabilities")
                            + "), but they go down to " + labels.minNumber().doubleValue());
        }
        if (loss.equals(Loss.BINARY_CROSS_ENTROPY) || loss.equals(Loss.CATEGORICAL_CROSS_ENTROPY)) {
            double min = labels.minNumber().doubleValue();
            double max = labels.maxNumber().doubleValue();
            if (min < 0 || max > 1) {
                throw new IllegalArgumentException(
                        loss + " needs labels in [0, 1], but they range over [" + min + ", " + max + "]");
            }
        }
    }

    /** Each metric against the model's output width and the labels (accuracy on real-valued targets, top-5 of 3 classes, ...). */
    public static void metrics(INDArray labels, long outputs, List<Metric> metrics) {
        metrics.forEach(m -> m.checkApplies(outputs, labels));
    }

    private static void requireClassIndices(INDArray labels, long classes, String where) {
        double[] values = labels.reshape(labels.length()).toDoubleVector();
        for (int row = 0; row < values.length; row++) {
            double v = values[row];
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new IllegalArgumentException("label " + v + " at row " + row + " is not a class index 0.."
                        + (classes - 1) + " for " + where);
            }
        }
    }
}
