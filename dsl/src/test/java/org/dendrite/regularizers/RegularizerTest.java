package org.dendrite.regularizers;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.dendrite.TestData;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class RegularizerTest {

    @Test
    void l2AddsKerasPenaltyToTheLoss() {
        // Same weights with and without l2(0.01): the loss differs by exactly 0.01 · Σ kernel².
        var data = Dataset.of(
                Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}), Nd4j.createFromArray(new float[][] {{1}, {0}}));
        var plain = Sequential().input(2).dense(3, RELU).dense(1).compile(sgd, mse);
        var penalised = Sequential()
                .input(2)
                .dense(3, RELU, GLOROT_UNIFORM, l2(0.01))
                .dense(1)
                .compile(sgd, mse);
        var kernel = Nd4j.createFromArray(new float[][] {{0.5f, -1, 2}, {1, 0.25f, -0.5f}});
        var bias = Nd4j.createFromArray(0.1f, 0.2f, 0.3f);
        var out = Nd4j.createFromArray(new float[][] {{1}, {-1}, {0.5f}});
        plain.setWeights(kernel, bias, out, Nd4j.createFromArray(0f));
        penalised.setWeights(kernel, bias, out, Nd4j.createFromArray(0f));

        double squares = kernel.mul(kernel).sumNumber().doubleValue();
        assertEquals(
                0.01 * squares,
                penalised.evaluate(data).loss() - plain.evaluate(data).loss(),
                1e-6);
    }

    @Test
    void l2LeavesSmallerWeightsThanNoPenalty() {
        var data = TestData.blobs(200, 12);
        var plain = Sequential().dense(32, RELU, HE).dense(1, SIGMOID).compile(adam(0.01), crossEntropy);
        var penalised =
                Sequential().dense(32, RELU, HE, l2(0.01)).dense(1, SIGMOID).compile(adam(0.01), crossEntropy);
        plain.fit(data, epochs(30).verbose(0));
        penalised.fit(data, epochs(30).verbose(0));

        double free = plain.getWeights().get(0).norm2Number().doubleValue();
        double held = penalised.getWeights().get(0).norm2Number().doubleValue();
        assertTrue(held < 0.8 * free, "kernel norm with l2 " + held + " vs without " + free);
    }

    @Test
    void aModelWideRegularizerAppliesWhereALayerHasNone() {
        var conf = Sequential()
                .regularizer(l2(0.5))
                .input(2)
                .dense(4, RELU, HE, l1(0.1))
                .dense(1)
                .compile(adam, mse)
                .configuration();
        var first = (BaseLayer) conf.getConf(0).getLayer();
        var second = (BaseLayer) conf.getConf(1).getLayer();
        assertEquals(
                "[L1Regularization(l1=FixedSchedule(value=0.1))]",
                first.getRegularization().toString());
        assertEquals(
                "[L2Regularization(l2=FixedSchedule(value=1.0))]",
                second.getRegularization().toString(),
                "DL4J's l2 is twice Keras's");
    }

    @Test
    void rejectsNegativeFactors() {
        var e = assertThrows(IllegalArgumentException.class, () -> l2(-1));
        assertEquals("regulariser factors must be finite and ≥ 0, received l1=0.0, l2=-1.0", e.getMessage());
    }
}
