package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.callbacks.Callback;
import org.dendrite.callbacks.Training;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;

/**
 * {@code Fit.stepsPerEpoch(n)} as Keras 3's {@code steps_per_epoch} for arrays: the epochs walk on
 * through one shuffled pass, an epoch reaching the pass's end stops there, the next starts afresh.
 */
class StepsPerEpochTest {

    /** Counts the batches of each epoch. */
    static final class Steps implements Callback {
        final List<Integer> perEpoch = new ArrayList<>();

        @Override
        public void onEpochBegin(int epoch, Training training) {
            perEpoch.add(0);
        }

        @Override
        public void onBatchEnd(int epoch, int batch, double loss, Training training) {
            perEpoch.set(perEpoch.size() - 1, batch);
        }
    }

    private static Model model() {
        return Sequential().seed(5).dense(6, RELU, HE).dense(1, SIGMOID).compile(adam(0.01), crossEntropy);
    }

    @Test
    void epochsWalkThroughOnePassAndStopShortAtItsEnd() {
        Dataset data = TestData.blobs(20, 1); // batch 2: 10 batches a pass
        Steps steps = new Steps();
        History history =
                model().fit(data, epochs(7).batch(2).stepsPerEpoch(4).verbose(0).callbacks(steps));
        assertEquals(List.of(4, 4, 2, 4, 4, 2, 4), steps.perEpoch);
        assertEquals(7, history.epochs());
        assertEquals(7, history.loss().size());
    }

    @Test
    void moreStepsThanBatchesGivesWholePasses() {
        Steps steps = new Steps();
        History history = model().fit(
                        TestData.blobs(20, 1),
                        epochs(3).batch(3).stepsPerEpoch(50).verbose(0).callbacks(steps));
        assertEquals(List.of(7, 7, 7), steps.perEpoch);
        assertEquals(3, history.epochs());
    }

    @Test
    void threeShortEpochsTrainAsOnePassWould() {
        // 10 batches: epochs of 4, 4 and 2 batches are the first pass's shuffle, step for step.
        Dataset data = TestData.blobs(20, 1);
        Model stepped = model();
        History short3 = stepped.fit(data, epochs(3).batch(2).stepsPerEpoch(4).verbose(0));
        Model whole = model();
        History one = whole.fit(data, epochs(1).batch(2).verbose(0));
        for (int i = 0; i < whole.getWeights().size(); i++) {
            assertEquals(whole.getWeights().get(i), stepped.getWeights().get(i), "weights " + i);
        }
        List<Double> l = short3.loss();
        // each epoch's loss is the mean over its examples: 8, 8 and 4 of the pass's 20
        assertEquals(one.loss().get(0), (l.get(0) * 8 + l.get(1) * 8 + l.get(2) * 4) / 20, 1e-6);
    }

    @Test
    void aStepCountBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> epochs(2).stepsPerEpoch(0));
        assertTrue(epochs(2).stepsPerEpoch(3).toString().contains("stepsPerEpoch 3"));
        assertEquals(0, Fit.defaults().stepsPerEpoch());
    }

    @Test
    void aDl4jIteratorIsWalkedThroughTheSameWay() {
        Steps steps = new Steps();
        var iterator = TestData.blobs(20, 1).iterator(2, 3); // 10 batches a pass
        History history =
                model().fit(iterator, epochs(7).stepsPerEpoch(4).verbose(0).callbacks(steps));
        assertEquals(List.of(4, 4, 2, 4, 4, 2, 4), steps.perEpoch);
        assertEquals(7, history.loss().size());
    }

    @Test
    void aResumedRunGoesOnFromItsPlaceInThePass(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Dataset data = TestData.blobs(20, 1); // batch 2: 10 batches a pass
        Fit fit = epochs(7).batch(2).stepsPerEpoch(3).verbose(0);
        Model whole = model();
        History wholeHistory = whole.fit(data, fit);
        Model crashed = model();
        assertThrows( // after epoch 2: six batches of the first pass given, four to go
                IllegalStateException.class,
                () -> crashed.fit(data, fit.backup(dir).callbacks(new FitResumeTest.Crash(2))));
        Model resumed = model();
        History resumedHistory = resumed.fit(data, fit.backup(dir).callbacks(new FitResumeTest.Crash(0)));
        assertEquals(whole.network().params(), resumed.network().params(), "the weights of a run never interrupted");
        assertEquals(wholeHistory.loss().subList(2, 7), resumedHistory.loss().subList(2, 7));
    }
}
