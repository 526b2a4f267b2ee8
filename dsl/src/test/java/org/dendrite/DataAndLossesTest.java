package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Data and losses that make no sense are refused with the reason; divergence is noticed (issue 15, part 4). */
class DataAndLossesTest {

    @Test
    void aFiniteDoubleBeyondFloatRangeIsRefusedNamingRowAndColumn() {
        var x = Nd4j.create(new double[][] {{1, 2}, {3, 1e300}});
        var e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, Nd4j.zeros(2, 1)));
        assertEquals(
                "features hold 1.0E300 at row 1, column 1, beyond the range of the 32-bit floats the network computes in"
                        + " (±3.4028235E38); rescale the data",
                e.getMessage());
    }

    @Test
    void hingeTakesZeroOneLabelsAsKerasDoes() {
        // Keras converts 0/1 labels of hinge to -1/+1; DL4J's hinge needs -1/+1.
        var model = Sequential().input(2).dense(1).compile(sgd(0.05), hinge, accuracy);
        var history = model.fit(TestData.blobs(100, 3), epochs(10).verbose(0));
        assertTrue(history.loss().get(9) < history.loss().get(0), history.toString());
        assertTrue(
                history.loss().get(9) < 0.3,
                "with 0/1 labels taken as they are, hinge never drops below 0.5: " + history);
    }

    @Test
    void kldAndPoissonRefuseNegativeLabels() {
        var labels = Nd4j.create(new double[][] {{0.5}, {-0.2}});
        var data = Dataset.of(Nd4j.rand(2, 3), labels);
        assertEquals(
                "kld needs labels ≥ 0 (probabilities), but they go down to -0.20000000298023224",
                assertThrows(IllegalArgumentException.class, () -> Sequential()
                                .input(3)
                                .dense(1, SOFTPLUS)
                                .compile(adam, kld)
                                .fit(data, 1))
                        .getMessage());
        assertEquals(
                "poisson needs labels ≥ 0 (counts), but they go down to -0.20000000298023224",
                assertThrows(IllegalArgumentException.class, () -> Sequential()
                                .input(3)
                                .dense(1, SOFTPLUS)
                                .compile(adam, poisson)
                                .fit(data, 1))
                        .getMessage());
    }

    @Test
    void metricsThatCannotApplyAreRefusedWithTheReason() {
        var prices = Dataset.of(Nd4j.rand(10, 3), Nd4j.rand(10, 1).mul(500).add(100));
        var regression = Sequential().input(3).dense(1).compile(adam, mse, accuracy);
        var e = assertThrows(IllegalArgumentException.class, () -> regression.fit(prices, 1));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "accuracy needs class labels (0/1, one-hot rows or class indices), but the labels range"
                                        + " over [1"),
                e.getMessage());
        assertTrue(
                e.getMessage().endsWith("; for a real-valued target compile mse or mae as the metric"), e.getMessage());

        var threeClasses = Dataset.of(Nd4j.rand(6, 3), Nd4j.create(new double[][] {{0}, {1}, {2}, {0}, {1}, {2}}));
        var topFive =
                Sequential().input(3).dense(3, SOFTMAX).compile(adam, sparseCategoricalCrossEntropy, top5Accuracy);
        assertEquals(
                "top_5_accuracy over 3 classes is always 1: use k < 3",
                assertThrows(IllegalArgumentException.class, () -> topFive.fit(threeClasses, 1))
                        .getMessage());
    }

    @Test
    void aLearningRateFarTooLargeIsStoppedWhileTheLossIsStillFiniteAndTheLastGoodWeightsKept() {
        var model = Sequential().input(2).dense(8, RELU).dense(1, SIGMOID).compile(adam(1e6), crossEntropy);
        var history = model.fit(TestData.blobs(64, 7), epochs(20).verbose(0));
        assertTrue(history.stopReason().startsWith("training diverged: "), history.toString());
        assertTrue(history.stopReason().contains("kept (try a smaller learning rate)"), history.stopReason());
        assertTrue(history.epochs() < 20, "stopped after " + history.epochs() + " epochs");
        assertTrue(
                model.network().params().amaxNumber().doubleValue() <= 1e6, "the kept weights are the epoch's before");
    }

    @Test
    void everyBatchOfAnIteratorIsCheckedAndNamedByNumber() {
        var good = TestData.blobs(10, 1).toDataSet();
        var bad = new DataSet(Nd4j.create(new float[][] {{1, 2}, {3, Float.NaN}}), Nd4j.zeros(2, 1));
        var iterator = new ExistingDataSetIterator(List.of(good, good, bad));
        var model = Sequential().input(2).dense(1, SIGMOID).compile(adam, crossEntropy);
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> model.fit(iterator, epochs(1).verbose(0)));
        assertEquals(
                "batch 3 of the iterator: features hold NaN at row 1, column 1; every value must be a finite number",
                e.getMessage());
    }
}
