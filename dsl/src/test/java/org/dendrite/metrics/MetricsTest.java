package org.dendrite.metrics;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each metric on a case small enough to count by hand. */
class MetricsTest {

    // predictions 0.9 0.8 0.3 0.6 0.2 against labels 1 1 1 0 0: TP 2, FP 1, FN 1, TN 1
    private final INDArray p = Nd4j.createFromArray(new float[][] {{0.9f}, {0.8f}, {0.3f}, {0.6f}, {0.2f}});
    private final INDArray y = Nd4j.createFromArray(new float[][] {{1}, {1}, {1}, {0}, {0}});

    @Test
    void precisionRecallAndF1CountThresholdedOutputs() {
        assertEquals(2.0 / 3, precision.compute(p, y), 1e-9);
        assertEquals(2.0 / 3, recall.compute(p, y), 1e-9);
        assertEquals(2.0 / 3, f1.compute(p, y), 1e-9);
        assertEquals(0.6, binaryAccuracy.compute(p, y), 1e-9);
    }

    @Test
    void aucIsTheChanceAPositiveOutscoresANegative() {
        // positives 0.9, 0.8, 0.3 vs negatives 0.6, 0.2: 5 of 6 pairs ordered right
        assertEquals(5.0 / 6, auc.compute(p, y), 1e-9);
    }

    @Test
    void topKCountsTheTrueClassAmongTheKMostProbable() {
        var probs = Nd4j.createFromArray(new float[][] {{0.5f, 0.3f, 0.2f}, {0.1f, 0.2f, 0.7f}, {0.3f, 0.4f, 0.3f}});
        var classes = Nd4j.createFromArray(new float[][] {{0}, {0}, {2}});
        // row 0: class 0 ranks 1st (hit); row 1: class 0 ranks 3rd (miss); row 2: class 2 ties for 2nd (hit)
        assertEquals(2.0 / 3, topK(2).compute(probs, classes), 1e-9);
        assertEquals(1.0 / 3, accuracy.compute(probs, classes), 1e-9);
    }

    @Test
    void meanErrorsAverageOverEveryOutput() {
        var pred = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        var truth = Nd4j.createFromArray(new float[][] {{0, 2}, {5, 4}});
        assertEquals(1.25, mse.compute(pred, truth), 1e-9);
        assertEquals(0.75, mae.compute(pred, truth), 1e-9);
    }

    @Test
    void everyLossIsAlsoAMetricLoggedUnderItsKerasName() {
        var pred = Nd4j.createFromArray(new float[][] {{0.9f}, {0.2f}});
        var truth = Nd4j.createFromArray(new float[][] {{1}, {0}});
        assertEquals((-Math.log(0.9) - Math.log(0.8)) / 2, binaryCrossEntropy.compute(pred, truth), 1e-6);
        assertEquals("binary_crossentropy", binaryCrossEntropy.name());

        var model = Sequential().input(2).dense(1).compile(adam, mae, mse);
        var history = model.fit(org.dendrite.TestData.blobs(40, 1), epochs(2).verbose(0));
        assertEquals(2, history.metric("mse").size(), history.toString());
        assertTrue(history.metric("mse").get(1) > 0);
    }

    @Test
    void crossEntropyAsAMetricIsResolvedFromTheOutputAsTheLossIs() {
        var model = Sequential().input(2).dense(1, SIGMOID).compile(adam, mse, crossEntropy);
        assertEquals(java.util.List.of(binaryCrossEntropy), model.metrics());
        var history = model.fit(org.dendrite.TestData.blobs(40, 1), epochs(1).verbose(0));
        assertTrue(history.metric("binary_crossentropy").get(0) > 0, history.toString());
    }

    @SuppressWarnings("removal")
    @Test
    void theOldUpperCaseNamesAreAliasesForOneRelease() {
        assertSame(accuracy, ACCURACY);
        assertSame(mse, MSE);
        assertSame(GLOROT_UNIFORM, XAVIER);
    }
}
