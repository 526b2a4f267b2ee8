package org.dendrite.internal.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.dendrite.callbacks.Training;

/**
 * The state of one {@code fit}: what callbacks see through {@link Training}, plus what only the
 * trainer sets (the epoch under way) and the model reads at the end (why and when it stopped).
 */
public final class TrainingRun implements Training {

    /** How the model saves itself, for {@link #save}. */
    @FunctionalInterface
    public interface Saver {
        void save(Path file) throws IOException;
    }

    private final Network network;
    private final Saver saver;
    private final java.util.function.Supplier<String> summary;
    private final int epochs;
    private final Set<String> logged;
    private volatile String stopReason;
    private volatile int stoppedEpoch;
    private int bestEpoch;
    private int epoch;

    /**
     * @param logged the names each epoch will log, so that callbacks can reject an unknown monitor
     *               before training starts
     */
    public TrainingRun(Network network, Saver saver, int epochs, Set<String> logged) {
        this(network, saver, epochs, logged, () -> "");
    }

    /** @param summary the model's summary table, asked for only when a callback wants it */
    public TrainingRun(
            Network network, Saver saver, int epochs, Set<String> logged, java.util.function.Supplier<String> summary) {
        this.summary = summary;
        this.network = network;
        this.saver = saver;
        this.epochs = epochs;
        this.logged = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(logged)); // in logging order
    }

    @Override
    public String summary() {
        return summary.get();
    }

    @Override
    public int epochs() {
        return epochs;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    /** Called by the trainer as each epoch begins. */
    void epochStarted(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public Set<String> loggedNames() {
        return logged;
    }

    @Override
    public synchronized void stop(String reason) {
        if (stopReason == null) {
            stoppedEpoch = epoch;
            stopReason = reason;
        }
    }

    @Override
    public boolean stopRequested() {
        return stopReason != null;
    }

    /** The reason a stop from outside the run ({@code Model.stop()}, an interrupt) gives. */
    public static final String BY_REQUEST = "stopped by request";

    /** Whether the run was stopped from outside ({@code Model.stop()}, an interrupt), not by a callback or a failed loss. */
    public boolean stoppedFromOutside() {
        return BY_REQUEST.equals(stopReason) || "interrupted".equals(stopReason);
    }

    /** Why training stopped early, or null. */
    public String stopReason() {
        return stopReason;
    }

    /** The epoch during which a stop was asked for, 0 if none. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    @Override
    public void markBest(int epoch) {
        bestEpoch = epoch;
    }

    @Override
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public double learningRate() {
        Double rate = network.learningRate();
        if (rate == null) {
            throw new IllegalStateException("no layer of this network has a learning rate");
        }
        return rate;
    }

    @Override
    public void setLearningRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(
                    "learning rate must be a positive, finite number, received rate=" + rate);
        }
        network.setLearningRate(rate);
    }

    @Override
    public void save(Path file) throws IOException {
        saver.save(file);
    }

    @Override
    public Model network() {
        return network.dl4j();
    }
}
