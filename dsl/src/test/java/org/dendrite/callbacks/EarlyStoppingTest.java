package org.dendrite.callbacks;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.dendrite.TestData;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsWellBeforeTheEpochLimitAndRestoresTheBestEpochsWeights() {
        var model = Sequential()
                .dense(64, RELU, HE)
                .dense(64, RELU, HE)
                .dense(1, SIGMOID)
                .compile(adam(0.01), crossEntropy);
        var history = model.fit(
                TestData.noisy(1),
                epochs(500)
                        .batch(16)
                        .validationSplit(0.25)
                        .verbose(0)
                        .callbacks(earlyStopping("val_loss").patience(10).restoreBestWeights()));

        assertTrue(history.epochs() < 100, "stopped after " + history.epochs() + " epochs");
        assertEquals(history.epochs(), history.stoppedEpoch());
        assertEquals(history.epochs() - 10, history.bestEpoch(), "patience 10: the best epoch is 10 before the stop");
        assertTrue(
                history.stopReason().startsWith("early stopping: val_loss did not improve for 10 epochs"),
                history.stopReason());
        double bestValLoss = history.metric("val_loss").get(history.bestEpoch() - 1);
        assertEquals(
                bestValLoss,
                model.evaluate(TestData.noisy(1).rows(60, 80)).loss(),
                1e-6,
                "after restoring, the validation loss is the best epoch's");
    }

    @Test
    void withoutRestoreTheLastWeightsStay() {
        var model = Sequential().dense(64, RELU, HE).dense(1, SIGMOID).compile(adam(0.01), crossEntropy);
        var history = model.fit(
                TestData.noisy(2),
                epochs(300)
                        .batch(16)
                        .validationSplit(0.25)
                        .verbose(0)
                        .callbacks(earlyStopping("val_loss").patience(5)));
        double last = history.metric("val_loss").get(history.epochs() - 1);
        assertEquals(last, model.evaluate(TestData.noisy(2).rows(60, 80)).loss(), 1e-6);
    }

    @Test
    void monitoringAValueThatIsNeverLoggedFailsBeforeTraining() {
        var model = Sequential().input(4).dense(1, SIGMOID).compile(adam, crossEntropy);
        var before = model.network().params().dup();
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> model.fit(TestData.noisy(3), epochs(5).verbose(0).callbacks(earlyStopping("val_loss"))));
        assertEquals(
                "earlyStopping monitors \"val_loss\", but the run logs only [loss]; add validationSplit or validationData to fit",
                e.getMessage());
        assertEquals(before, model.network().params());
    }

    @Test
    void accuracyIsMaximisedInAutoMode() {
        var model = Sequential().dense(8, RELU).dense(1, SIGMOID).compile(adam(0.01), crossEntropy, accuracy);
        var history = model.fit(
                TestData.noisy(4),
                epochs(200)
                        .batch(16)
                        .validationSplit(0.25)
                        .verbose(0)
                        .callbacks(earlyStopping("val_accuracy").patience(5)));
        var acc = history.metric("val_accuracy");
        double best = acc.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(best, acc.get(history.bestEpoch() - 1), 0);
        assertTrue(history.stoppedEpoch() > 0);
    }
}
