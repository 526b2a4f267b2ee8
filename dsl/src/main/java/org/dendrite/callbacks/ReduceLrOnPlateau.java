package org.dendrite.callbacks;

import java.io.Serializable;
import java.util.Map;

/**
 * Multiplies the learning rate by {@code factor} when the monitored quantity has not improved
 * for {@code patience} epochs, as Keras's {@code ReduceLROnPlateau} (defaults: factor 0.1,
 * patience 10, minDelta 1e-4, cooldown 0, minimum rate 0).
 */
public final class ReduceLrOnPlateau implements Callback, Resumable {

    private final String monitor;
    private final double factor;
    private final int patience;
    private final double minDelta;
    private final int cooldown;
    private final double minRate;
    private Monitor tracker;
    private int wait;
    private int cooling;

    private ReduceLrOnPlateau(
            String monitor, double factor, int patience, double minDelta, int cooldown, double minRate) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("reduceLrOnPlateau needs a factor in (0, 1), received factor=" + factor);
        }
        this.monitor = monitor;
        this.factor = factor;
        this.patience = patience;
        this.minDelta = minDelta;
        this.cooldown = cooldown;
        this.minRate = minRate;
    }

    public static ReduceLrOnPlateau on(String monitor) {
        return new ReduceLrOnPlateau(monitor, 0.1, 10, 1e-4, 0, 0);
    }

    /** The rate is multiplied by this on a plateau, in (0, 1) (if not set, 0.1: Keras's default). */
    public ReduceLrOnPlateau factor(double f) {
        return new ReduceLrOnPlateau(monitor, f, patience, minDelta, cooldown, minRate);
    }

    /** Epochs without improvement before the rate is cut (if not set, 10). */
    public ReduceLrOnPlateau patience(int epochs) {
        return new ReduceLrOnPlateau(monitor, factor, epochs, minDelta, cooldown, minRate);
    }

    /** The smallest change that counts as an improvement (if not set, 1e-4). */
    public ReduceLrOnPlateau minDelta(double delta) {
        return new ReduceLrOnPlateau(monitor, factor, patience, delta, cooldown, minRate);
    }

    /** Epochs to wait after a reduction before counting again (if not set, 0). */
    public ReduceLrOnPlateau cooldown(int epochs) {
        return new ReduceLrOnPlateau(monitor, factor, patience, minDelta, epochs, minRate);
    }

    /** The rate is never reduced below this (if not set, 0). */
    public ReduceLrOnPlateau minLearningRate(double rate) {
        return new ReduceLrOnPlateau(monitor, factor, patience, minDelta, cooldown, rate);
    }

    @Override
    public void onTrainBegin(Training training) {
        tracker = new Monitor(monitor, Monitor.Mode.AUTO, minDelta, Double.NaN);
        tracker.requireLogged(training, "reduceLrOnPlateau");
        wait = 0;
        cooling = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
        Double value = tracker.value(logs);
        if (value == null) {
            return; // an epoch without the monitored value (validationFreq): skipped, as Keras does
        }
        if (cooling > 0) {
            cooling--;
            wait = 0;
        }
        if (tracker.improves(value)) {
            wait = 0;
        } else if (cooling == 0 && ++wait >= patience) {
            double rate = training.learningRate();
            if (rate > minRate) {
                training.setLearningRate(Math.max(rate * factor, minRate));
                cooling = cooldown;
                wait = 0;
            }
        }
    }

    /** The run state a backup keeps (the learning rate itself is kept with the model's). */
    private record State(int waited, int cooling, double best) implements Serializable {}

    @Override
    public Serializable state() {
        return new State(wait, cooling, tracker.best());
    }

    @Override
    public void restore(Serializable state) {
        State s = (State) state;
        wait = s.waited();
        cooling = s.cooling();
        tracker.restoreBest(s.best());
    }

    @Override
    public String toString() {
        return "reduceLrOnPlateau(\"" + monitor + "\").factor(" + factor + ").patience(" + patience + ")";
    }
}
