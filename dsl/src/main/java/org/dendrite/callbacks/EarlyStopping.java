package org.dendrite.callbacks;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stops training when a monitored quantity has stopped improving: the cure for overfitting that
 * needs no tuning of the epoch count. Keras's {@code EarlyStopping}, same defaults (monitor
 * {@code val_loss}, patience 0, minDelta 0, mode auto, no baseline).
 *
 * <p>With {@link #restoreBestWeights()} the model ends with the weights of its best epoch,
 * whether or not the stop fired (Keras 3's behaviour; Keras 2 restored only on a stop). Configure
 * with the fluent methods, each returning a new value; the run state is reset at every {@code fit}.
 */
public final class EarlyStopping implements Callback, Resumable {

    private final String monitor;
    private final Monitor.Mode mode;
    private final int patience;
    private final double minDelta;
    private final double baseline;
    private final boolean restore;

    private Monitor tracker;
    private int wait;
    private INDArray bestWeights;

    private EarlyStopping(
            String monitor, Monitor.Mode mode, int patience, double minDelta, double baseline, boolean restore) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be ≥ 0, received patience=" + patience);
        }
        this.monitor = monitor;
        this.mode = mode;
        this.patience = patience;
        this.minDelta = minDelta;
        this.baseline = baseline;
        this.restore = restore;
    }

    /** Watches {@code monitor}, e.g. {@code "val_loss"}, with Keras's defaults for the rest. */
    public static EarlyStopping on(String monitor) {
        return new EarlyStopping(monitor, Monitor.Mode.AUTO, 0, 0, Double.NaN, false);
    }

    /** Epochs without improvement to wait before stopping (if not set, 0: Keras's default). */
    public EarlyStopping patience(int epochs) {
        return new EarlyStopping(monitor, mode, epochs, minDelta, baseline, restore);
    }

    /** The smallest change that counts as an improvement, absolute (if not set, 0). */
    public EarlyStopping minDelta(double delta) {
        return new EarlyStopping(monitor, mode, patience, delta, baseline, restore);
    }

    /** A value the monitor must beat before anything counts as an improvement (if not set, none). */
    public EarlyStopping baseline(double value) {
        return new EarlyStopping(monitor, mode, patience, minDelta, value, restore);
    }

    /** Lower is better (if neither mode is set: lower for a loss, higher for other metrics). */
    public EarlyStopping modeMin() {
        return new EarlyStopping(monitor, Monitor.Mode.MIN, patience, minDelta, baseline, restore);
    }

    /** Higher is better. */
    public EarlyStopping modeMax() {
        return new EarlyStopping(monitor, Monitor.Mode.MAX, patience, minDelta, baseline, restore);
    }

    /** End training with the weights of the best epoch. */
    public EarlyStopping restoreBestWeights() {
        return new EarlyStopping(monitor, mode, patience, minDelta, baseline, true);
    }

    @Override
    public void onTrainBegin(Training training) {
        tracker = new Monitor(monitor, mode, minDelta, baseline);
        tracker.requireLogged(training, "earlyStopping");
        wait = 0;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
        Double value = tracker.value(logs);
        if (value == null) {
            return; // an epoch without the monitored value (validationFreq): skipped, as Keras does
        }
        wait++;
        if (tracker.improves(value)) {
            wait = 0;
            training.markBest(epoch);
            if (restore) {
                bestWeights = training.network().params().dup();
            }
        }
        if (wait >= patience && wait > 0) {
            training.stop(String.format(
                    Locale.ROOT,
                    "early stopping: %s did not improve for %d epoch%s (best %.4f at epoch %d)",
                    monitor,
                    wait,
                    wait == 1 ? "" : "s",
                    tracker.best(),
                    training.bestEpoch()));
        }
    }

    /** The run state a backup keeps: the wait count, the best value and, with restoreBestWeights, the best weights. */
    private record State(int waited, double best, double[] bestWeights, long[] shape, String dataType)
            implements Serializable {}

    @Override
    public Serializable state() {
        return new State(
                wait,
                tracker.best(),
                bestWeights == null ? null : bestWeights.data().asDouble(),
                bestWeights == null ? null : bestWeights.shape(),
                bestWeights == null ? null : bestWeights.dataType().name());
    }

    @Override
    public void restore(Serializable state) {
        State s = (State) state;
        wait = s.waited();
        tracker.restoreBest(s.best());
        bestWeights = s.bestWeights() == null
                ? null
                : Nd4j.createFromArray(s.bestWeights())
                        .castTo(org.nd4j.linalg.api.buffer.DataType.valueOf(s.dataType()))
                        .reshape(s.shape());
    }

    @Override
    public void onTrainEnd(Training training) {
        if (bestWeights != null) {
            training.network().setParams(bestWeights);
        }
    }

    @Override
    public String toString() {
        return "earlyStopping(\"" + monitor + "\").patience(" + patience + ")"
                + (minDelta != 0 ? ".minDelta(" + minDelta + ")" : "")
                + (Double.isNaN(baseline) ? "" : ".baseline(" + baseline + ")")
                + (restore ? ".restoreBestWeights()" : "");
    }
}
