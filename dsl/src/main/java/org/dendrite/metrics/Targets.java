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
