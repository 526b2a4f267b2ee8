package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Datasets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class ModelTest {

    @Test
    @Tag("slow") // 150 epochs: 4.3 s
    void thePimaTutorialReachesSeventyPercentOnHeldOutData() {
        var parts = Datasets.pima().split(0.8, 7);
        var model = Sequential()
                .dense(12, RELU, HE)
                .dense(8, RELU)
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy);

        var history = model.fit(parts.train(), epochs(150).batch(10).verbose(0)); // the tutorial's settings

        assertEquals(150, history.epochs());
        double acc = model.evaluate(parts.test()).accuracy();
        assertTrue(acc >= 0.70, "Pima test accuracy " + acc);
        assertTrue(history.loss().get(149) < history.loss().get(0), "loss went down: " + history.loss());
        INDArray p = model.predict(parts.test().features());
        assertArrayEquals(new long[] {154, 1}, p.shape());
        assertTrue(p.minNumber().doubleValue() >= 0 && p.maxNumber().doubleValue() <= 1);
    }

    @Test
    void lossDecreasesAndAccuracyIsLoggedPerEpoch() {
        var model = Sequential().dense(4, TANH).dense(1, SIGMOID).compile(sgd(0.5), binaryCrossEntropy, accuracy);
        var history = model.fit(TestData.blobs(200, 1), epochs(5).verbose(0));

        assertEquals(5, history.loss().size());
        assertEquals(5, history.metric("accuracy").size());
        assertTrue(history.loss().get(4) < 0.5 * history.loss().get(0), history.toString());
        assertTrue(history.metric("accuracy").get(4) > 0.95, history.toString());
        assertTrue(
                history.toString().startsWith("History[5 epochs; last: loss 0.")
                        && history.toString().contains("accuracy"),
                history.toString());
    }

    @Test
    void theSameSeedTrainsTheSameWeights() {
        var a = Sequential()
                .dense(4, RELU)
                .dropout(0.3)
                .dense(1, SIGMOID)
                .seed(3)
                .compile(adam, crossEntropy);
        var b = Sequential()
                .dense(4, RELU)
                .dropout(0.3)
                .dense(1, SIGMOID)
                .seed(3)
                .compile(adam, crossEntropy);
        a.fit(TestData.blobs(64, 2), epochs(2).verbose(0));
        b.fit(TestData.blobs(64, 2), epochs(2).verbose(0));
        assertEquals(a.network().params(), b.network().params());
    }

    @Test
    void validationSplitHoldsOutTheLastFractionBeforeShuffling() {
        // 100 blobs whose labels alternate 0/1, so the last 20 are an ordinary half-and-half mix like the
        // first 80: what shows they were held out is that val_loss and val_accuracy are exactly those of
        // rows 80..99, and the train accuracy that of rows 0..79.
        var data = TestData.blobs(100, 3);
        var model = Sequential().input(2).dense(1, SIGMOID).compile(adam, crossEntropy, accuracy);
        var history = model.fit(data, epochs(1).validationSplit(0.2).verbose(0));

        assertEquals(1, history.metric("val_loss").size());
        var heldOut = data.rows(80, 100);
        assertEquals(model.evaluate(heldOut).loss(), history.metric("val_loss").get(0), 1e-6);
        assertEquals(
                model.evaluate(heldOut).accuracy(),
                history.metric("val_accuracy").get(0),
                1e-9);
        assertEquals(
                model.evaluate(data.rows(0, 80)).accuracy(),
                history.metric("accuracy").get(0),
                1e-9);
    }

    @Test
    void fitAcceptsRawArraysDataSetsAndIterators() {
        var data = TestData.blobs(64, 4);
        var model = Sequential().dense(1, SIGMOID).compile(sgd(0.1), crossEntropy);
        assertEquals(3, model.fit(data.features(), data.labels(), 3, 16).epochs());
        assertEquals(1, model.fit(data.toDataSet()).epochs());
        DataSetIterator iterator = new ViewIterator(data.toDataSet(), 16);
        var history = model.fit(iterator, 2);
        assertEquals(2, history.loss().size());
    }

    @Test
    void evaluateReportsAccuracyForClassifiersEvenWhenNotCompiled() {
        var data = TestData.blobs(100, 5);
        var model = Sequential().dense(1, SIGMOID).compile(adam(0.05), crossEntropy);
        model.fit(data, epochs(20).verbose(0));
        var result = model.evaluate(data);
        assertTrue(result.accuracy() > 0.95, result.toString());
        assertTrue(result.toString().matches("loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"), result.toString());
    }

    @Test
    void sparseCategoricalCrossEntropyTakesClassIndices() {
        var blobs = TestData.blobs(90, 6);
        var labels = Nd4j.create(new double[90][1]);
        for (int i = 0; i < 90; i++) {
            labels.putScalar(i, 0, i % 3);
            blobs.features().putScalar(i, 0, (i % 3) * 3.0);
        }
        var data = Dataset.of(blobs.features(), labels);
        var model = Sequential().dense(3, SOFTMAX).compile(adam(0.1), sparseCategoricalCrossEntropy, accuracy);
        var history = model.fit(data, epochs(30).verbose(0));
        assertTrue(history.metric("accuracy").get(29) > 0.9, history.toString());
    }

    @Test
    void plainMomentumTrains() {
        var model = Sequential().dense(1, SIGMOID).compile(sgd(0.1, 0.9), crossEntropy);
        var history = model.fit(TestData.blobs(100, 7), epochs(5).verbose(0));
        assertTrue(history.loss().get(4) < history.loss().get(0));
    }

    @Test
    void readsWellInJShell() {
        var model = Sequential().input(8).dense(12, RELU, HE).dense(1, SIGMOID).compile(adam, crossEntropy, accuracy);
        assertEquals(
                "Model[Dense(12, relu, he_normal) → Dense(1, sigmoid); adam(lr=0.001), binary_crossentropy, accuracy; 121 params]",
                model.toString());
        assertEquals(
                "Model[Dense(1, sigmoid); adam(lr=0.001), binary_crossentropy; not built: input shape unknown]",
                Sequential().dense(1, SIGMOID).compile(adam, crossEntropy).toString());
    }
}
