package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.factory.Nd4j;

/** Every mistake is caught before training starts, with a message that names the numbers involved. */
class ModelBadInputTest {

    private static final Dataset PIMA_LIKE = Dataset.of(Nd4j.rand(20, 8), Nd4j.zeros(20, 1));

    private static String message(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void dataWiderThanTheDeclaredInput() {
        var model = Sequential().input(8).dense(1, SIGMOID).compile(adam, crossEntropy);
        var data = Dataset.of(Nd4j.rand(10, 9), Nd4j.zeros(10, 1));
        assertEquals(
                "the data has examples of shape [9] (9 features) but the model expects [8] (declared with input(...))",
                message(() -> model.fit(data, 1)));
    }

    @Test
    void dataThatDiffersFromTheFirstFit() {
        var model = Sequential().dense(1, SIGMOID).compile(adam, crossEntropy);
        model.fit(PIMA_LIKE, epochs(1).verbose(0));
        var narrower = Dataset.of(Nd4j.rand(10, 7), Nd4j.zeros(10, 1));
        assertTrue(message(() -> model.predict(narrower.features()))
                .contains("[7] (7 features) but the model expects [8] (taken from the data at the first fit)"));
    }

    @Test
    void oneHotLabelsForASingleSigmoidUnit() {
        var model = Sequential().dense(1, SIGMOID).compile(adam, crossEntropy);
        var data = Dataset.of(Nd4j.rand(10, 8), Nd4j.eye(3).repeat(0, 4).getRows(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertEquals(
                "the labels have 3 columns but the output layer (layer 0, Dense(1, sigmoid)) has 1 unit",
                message(() -> model.fit(data, 1)));
    }

    @Test
    void binaryLabelsForASoftmaxOutput() {
        var model = Sequential().dense(2, SOFTMAX).compile(adam, crossEntropy);
        assertEquals(
                "the labels have 1 column but the output layer (layer 0, Dense(2, softmax)) has 2 units; "
                        + "for labels that are class indices use sparseCategoricalCrossEntropy, or one-hot encode them",
                message(() -> model.fit(PIMA_LIKE, 1)));
    }

    @Test
    void classIndicesOutOfRange() {
        var labels = Nd4j.zeros(20, 1).putScalar(5, 0, 3);
        var model = Sequential().dense(3, SOFTMAX).compile(adam, sparseCategoricalCrossEntropy);
        assertTrue(message(() -> model.fit(Dataset.of(Nd4j.rand(20, 8), labels), 1))
                .startsWith("label 3.0 at row 5 is not a class index 0..2"));
    }

    @Test
    void labelsOutsideZeroToOneForCrossEntropy() {
        var model = Sequential().dense(1, SIGMOID).compile(adam, crossEntropy);
        var data = Dataset.of(Nd4j.rand(4, 8), Nd4j.createFromArray(new float[][] {{0}, {1}, {2}, {1}}));
        assertEquals(
                "binary_crossentropy needs labels in [0, 1], but they range over [0.0, 2.0]",
                message(() -> model.fit(data, 1)));
    }

    @Test
    void nanInTheData() {
        var x = Nd4j.rand(5, 8);
        x.putScalar(3, 2, Double.NaN);
        assertEquals(
                "features hold NaN at row 3, column 2; every value must be a finite number", message(() -> Sequential()
                        .dense(1, SIGMOID)
                        .compile(adam, crossEntropy)
                        .fit(x, Nd4j.zeros(5, 1), 1, 5)));
    }

    @Test
    void nonPositiveEpochsOrBatchSize() {
        var model = Sequential().dense(1, SIGMOID).compile(adam, crossEntropy);
        assertEquals("epochs must be at least 1, received epochs=0", message(() -> model.fit(PIMA_LIKE, 0)));
        assertEquals(
                "batch size must be at least 1, received batchSize=-5", message(() -> model.fit(PIMA_LIKE, 1, -5)));
    }

    @Test
    void nonPositiveLearningRate() {
        assertEquals("learning rate must be a positive number, received learningRate=0.0", message(() -> adam(0)));
    }

    @Test
    void configurationBeforeTheInputShapeIsKnown() {
        var model = Sequential().dense(1, SIGMOID).compile(adam, crossEntropy);
        var e = assertThrows(IllegalStateException.class, model::configuration);
        assertTrue(e.getMessage().contains("Sequential().input(n) or call fit first"), e.getMessage());
    }

    @Test
    void rowCountsThatDiffer() {
        assertEquals(
                "features have 10 rows but labels have 9 rows; each example needs one of each",
                message(() -> Dataset.of(Nd4j.rand(10, 8), Nd4j.zeros(9, 1))));
    }
}
