package org.dendrite.callbacks;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Saves the model after every epoch, or only when the monitored quantity improves
 * ({@link #bestOnly()}), as Keras's {@code ModelCheckpoint}. Each save is atomic (a temporary file
 * renamed into place), so the file on disk is always a whole model.
 */
public final class ModelCheckpoint implements Callback, Resumable {

    private final Path file;
    private final String monitor;
    private final Monitor.Mode mode;
    private final boolean bestOnly;
    private Monitor tracker;

    private ModelCheckpoint(Path file, String monitor, Monitor.Mode mode, boolean bestOnly) {
        this.file = Objects.requireNonNull(file, "file");
        this.monitor = monitor;
        this.mode = mode;
        this.bestOnly = bestOnly;
    }

    /** Saves to {@code file} after every epoch; monitors {@code val_loss} once {@link #bestOnly()}. */
    public static ModelCheckpoint to(Path file) {
        return new ModelCheckpoint(file, "val_loss", Monitor.Mode.AUTO, false);
    }

    /** Saves only when the monitored quantity improves. */
    public ModelCheckpoint bestOnly() {
        return new ModelCheckpoint(file, monitor, mode, true);
    }

    /** The quantity {@link #bestOnly()} judges by (default {@code val_loss}). */
    public ModelCheckpoint monitor(String name) {
        return new ModelCheckpoint(file, name, mode, bestOnly);
    }

    @Override
    public void onTrainBegin(Training training) {
        tracker = new Monitor(monitor, mode, 0, Double.NaN);
        if (bestOnly) {
            tracker.requireLogged(training, "checkpoint");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
        Double value = bestOnly ? tracker.value(logs) : null;
        if (bestOnly && value == null) {
            return; // an epoch without the monitored value (validationFreq): no save, as Keras does
        }
        if (!bestOnly || tracker.improves(value)) {
            try {
                training.save(file);
            } catch (IOException e) {
                throw new UncheckedIOException("checkpoint after epoch " + epoch + " could not write " + file, e);
            }
        }
    }

    @Override
    public Serializable state() {
        return tracker.best();
    }

    @Override
    public void restore(Serializable state) {
        tracker.restoreBest((Double) state);
    }

    @Override
    public String toString() {
        return "checkpoint(" + file + ")" + (bestOnly ? ".bestOnly() on " + monitor : "");
    }
}
