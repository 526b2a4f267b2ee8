package org.dendrite.internal.training;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.dendrite.TestData;
import org.junit.jupiter.api.Test;

/** Training metrics are Keras's: computed from each step's own predictions, not from a second pass. */
class TrainingMetricsTest {

    @Test
    void withWeightsThatBarelyMoveTheyEqualAnEvaluationOfTheTrainingData() {
        var data = TestData.circle(200, 3);
        var model = Sequential().input(2).dense(8, TANH).dense(1, SIGMOID).compile(sgd(1e-9), crossEntropy, accuracy);
        var history = model.fit(data, epochs(1).batch(16).verbose(0));

        assertEquals(model.evaluate(data).accuracy(), history.metric("accuracy").get(0), 1e-12);
    }

    @Test
    void whileTheModelLearnsTheyLagBehindTheWeightsAtTheEndOfTheEpoch() {
        var data = TestData.blobs(256, 5);
        var model = Sequential().input(2).dense(1, SIGMOID).compile(adam(0.02), crossEntropy, accuracy);
        var history = model.fit(data, epochs(1).batch(8).verbose(0));

        double running = history.metric("accuracy").get(0);
        double atTheEnd = model.evaluate(data).accuracy();
        assertTrue(running < atTheEnd - 0.02, "running " + running + ", at the end " + atTheEnd);
    }

    @Test
    void theyLeaveNoListenerBehindOnTheNetwork() {
        var model = Sequential().input(2).dense(1, SIGMOID).compile(adam, crossEntropy, accuracy);
        model.fit(TestData.blobs(32, 1), epochs(2).verbose(0));

        assertTrue(
                model.network().getListeners().isEmpty(),
                model.network().getListeners().toString());
    }
}
