package org.dendrite.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Label handling shared by the metrics: class-index columns become one-hot rows shaped like the predictions. */
final class Targets {

    private Targets() {}

    /** {@code labels} as rows of the predictions' width (one-hot when labels are a class-index column). */
    static INDArray like(INDArray labels, INDArray predictions) {
        if (labels.size(1) == predictions.size(1)) {
            return labels;
        }
        if (labels.size(1) != 1) {
            throw new IllegalArgumentException(
                    "labels have " + labels.size(1) + " columns, predictions " + predictions.size(1));
        }
        INDArray oneHot = Nd4j.zeros(predictions.dataType(), predictions.size(0), predictions.size(1));
        long[] classes = labels.reshape(labels.size(0)).castTo(DataType.LONG).toLongVector();
        for (int row = 0; row < classes.length; row++) {
            oneHot.putScalar(row, classes[row], 1);
        }
        return oneHot;
    }

    /**
     * Checks that {@code labels} are classes: 0/1 (or Keras's -1/+1 for hinge) in as many columns as
     * outputs, or one column of class indices {@code 0..outputs-1}; real-valued targets are refused.
     */
    static void requireClasses(String metric, long outputs, INDArray labels) {
        double min = labels.minNumber().doubleValue();
        double max = labels.maxNumber().doubleValue();
        boolean indices = labels.size(1) == 1
                && outputs > 1
                && min >= 0
                && max < outputs
                && labels.castTo(DataType.DOUBLE).fmod(1.0).sumNumber().doubleValue() == 0;
        boolean rows = labels.size(1) == outputs && min >= -1 && max <= 1;
        if (!indices && !rows) {
            throw new IllegalArgumentException(metric
                    + " needs class labels (0/1, one-hot rows or class indices), but the labels" + " range over [" + min
                    + ", " + max + "]; for a real-valued target compile mse or mae as the metric");
        }
    }

    /** The fraction of ones in a boolean or 0/1 array. */
    static double mean(INDArray bools) {
        return bools.castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** Elementwise counts at threshold 0.5: {true positives, predicted positives, actual positives}. */
    static double[] counts(INDArray predictions, INDArray labels) {
        INDArray predicted = predictions.gt(0.5).castTo(DataType.DOUBLE);
        INDArray actual = like(labels, predictions).gt(0.5).castTo(DataType.DOUBLE);
        return new double[] {
            predicted.mul(actual).sumNumber().doubleValue(),
            predicted.sumNumber().doubleValue(),
            actual.sumNumber().doubleValue()
        };
    }

    /** {@code a / b}, 0 when {@code b} is 0 (as Keras does). */
    static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }
}
