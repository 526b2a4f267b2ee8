package org.dendrite.internal.compile;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.dendrite.losses.Loss;
import org.junit.jupiter.api.Test;

class OutputCheckTest {

    @Test
    void crossEntropyIsBinaryForSigmoidOutputs() {
        assertEquals(
                Loss.BINARY_CROSS_ENTROPY,
                OutputCheck.resolve(Sequential().dense(1, SIGMOID).layers(), crossEntropy));
    }

    @Test
    void crossEntropyIsCategoricalForSoftmaxOutputs() {
        assertEquals(
                Loss.CATEGORICAL_CROSS_ENTROPY,
                OutputCheck.resolve(Sequential().dense(4, SOFTMAX).layers(), crossEntropy));
        assertEquals(
                Loss.CATEGORICAL_CROSS_ENTROPY,
                OutputCheck.resolve(Sequential().dense(4).activation(SOFTMAX).layers(), crossEntropy));
    }

    @Test
    void softmaxOverOneUnitIsRejected() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Sequential().dense(3, RELU).dense(1, SOFTMAX).compile(adam, crossEntropy));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "softmax over 1 unit always outputs 1.0 (the output layer (layer 1, Dense(1, softmax)))"),
                e.getMessage());
    }

    @Test
    void crossEntropyNeedsProbabilities() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Sequential().dense(1, RELU).compile(adam, crossEntropy));
        assertEquals(
                "crossEntropy needs probabilities: a sigmoid or softmax output, but the output layer (layer 0, Dense(1, relu)) uses relu",
                e.getMessage());
    }

    @Test
    void binaryCrossEntropyWithSoftmaxPointsToCategorical() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Sequential().dense(3, SOFTMAX).compile(adam, binaryCrossEntropy));
        assertTrue(e.getMessage().endsWith("use categoricalCrossEntropy with softmax"), e.getMessage());
    }

    @Test
    void regressionLossesAcceptAnyOutput() {
        assertEquals(
                Loss.MEAN_SQUARED_ERROR,
                OutputCheck.resolve(Sequential().dense(3, RELU).dense(1).layers(), mse));
    }
}
