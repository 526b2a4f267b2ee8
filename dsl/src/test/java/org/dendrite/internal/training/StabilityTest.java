package org.dendrite.internal.training;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.dendrite.TestData;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The tutorials' lessons on unstable training, as measurements. */
class StabilityTest {

    @Test
    void aDeepSigmoidNetTrainsFarSlowerThanHeReluAndBatchNorm() {
        var data = TestData.circle(512, 1);
        var sigmoid = Sequential();
        var relu = Sequential();
        for (int i = 0; i < 8; i++) {
            sigmoid = sigmoid.dense(32, SIGMOID);
            relu = relu.dense(32, RELU, HE).batchNorm();
        }
        var vanishing = sigmoid.dense(1, SIGMOID)
                .compile(sgd(0.1), crossEntropy, accuracy)
                .fit(data, epochs(20).verbose(0));
        var healthy = relu.dense(1, SIGMOID)
                .compile(sgd(0.1), crossEntropy, accuracy)
                .fit(data, epochs(20).verbose(0));

        double stuck = vanishing.metric("accuracy").get(19);
        double learned = healthy.metric("accuracy").get(19);
        assertTrue(learned > 0.9, "He + ReLU + batch norm reach " + learned);
        assertTrue(stuck < 0.75, "the deep sigmoid net is stuck near the majority class: " + stuck);
        assertTrue(healthy.loss().get(19) < 0.5 * vanishing.loss().get(19), healthy + " vs " + vanishing);
    }

    @Test
    void dropoutActsInTrainingButNotInPredictOrEvaluate() {
        var data = TestData.blobs(64, 16);
        var model = Sequential().dense(64, RELU).dropout(0.5).dense(1, SIGMOID).compile(adam, crossEntropy);
        model.fit(data, epochs(1).verbose(0));

        assertEquals(model.predict(data.features()), model.predict(data.features()), "predict is deterministic");
        assertEquals(model.evaluate(data).loss(), model.evaluate(data).loss(), 0);
        var first = model.network().output(data.features(), true);
        var second = model.network().output(data.features(), true);
        assertNotEquals(first, second, "training-mode passes draw different dropout masks");
    }

    @Test
    void aDivergingLearningRateStopsTrainingAtTheFirstNonFiniteLossKeepingTheLastGoodWeights() {
        var data = Dataset.of(Nd4j.rand(64, 4).muli(100), Nd4j.rand(64, 1).muli(1000));
        var model = Sequential().dense(16, RELU, HE).dense(1).compile(sgd(10.0), mse);
        var history = model.fit(data, epochs(50).batch(8).verbose(0));

        assertTrue(history.stoppedEpoch() > 0 && history.stoppedEpoch() < 50, history.toString());
        assertTrue(
                history.stopReason().matches("loss became (NaN|Infinity|-Infinity) at epoch \\d+, batch \\d+: .*"),
                history.stopReason());
        assertEquals(history.stoppedEpoch() - 1, history.epochs(), "only finished epochs are logged");
        for (var w : model.getWeights()) {
            assertFalse(w.isNaN().any() || w.isInfinite().any(), "weights stay finite");
        }
    }
}
