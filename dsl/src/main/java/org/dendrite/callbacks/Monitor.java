package org.dendrite.callbacks;

import java.util.Map;

/**
 * Tracks the best value of one logged quantity, as Keras's monitoring callbacks do: "improved"
 * means below {@code best - minDelta} in mode min, above {@code best + minDelta} in mode max.
 * Mode auto is max for accuracy-like names (accuracy, auc, precision, recall, f1), min otherwise.
 */
final class Monitor {

    /** Which direction is better. */
    enum Mode {
        MIN,
        MAX,
        AUTO
    }

    private final String name;
    private final boolean maximise;
    private final double minDelta;
    private double best;

    Monitor(String name, Mode mode, double minDelta, double baseline) {
        this.name = name;
        this.maximise = mode == Mode.MAX || (mode == Mode.AUTO && name.matches(".*(acc|auc|precision|recall|f1).*"));
        this.minDelta = Math.abs(minDelta);
        this.best =
                Double.isNaN(baseline) ? (maximise ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : baseline;
    }

    /** Fails before training if the quantity will never be logged. */
    void requireLogged(Training training, String callback) {
        if (!training.loggedNames().contains(name)) {
            throw new IllegalArgumentException(
                    callback + " monitors \"" + name + "\", but the run logs only " + training.loggedNames()
                            + (name.startsWith("val_") ? "; add validationSplit or validationData to fit" : ""));
        }
    }

    /**
     * The monitored value in this epoch's logs, or null in an epoch that did not log it (a
     * {@code val_} value in an epoch without validation): Keras's callbacks skip such an epoch.
     */
    Double value(Map<String, Double> logs) {
        return logs.get(name);
    }

    /** Whether {@code value} improves on the best so far; if so it becomes the best. */
    boolean improves(double value) {
        boolean better = maximise ? value > best + minDelta : value < best - minDelta;
        if (better) {
            best = value;
        }
        return better;
    }

    double best() {
        return best;
    }

    /** Takes back a best value from a backup. */
    void restoreBest(double value) {
        best = value;
    }

    String name() {
        return name;
    }

    boolean maximises() {
        return maximise;
    }
}
