package org.dendrite.callbacks;

import java.util.Set;
import org.dendrite.Model;
import org.dendrite.runtime.NetworkUpdater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What a {@link Callback} sees of the run in progress and can change: stop it, read and set the
 * learning rate, reach the model and its network.
 */
public final class Training {

    private final Model model;
    private final int epochs;
    private final Set<String> logged;
    private volatile String stopReason;
    private volatile int stoppedEpoch;
    private int bestEpoch;
    private int epoch;

    /**
     * @param logged the names each epoch will log ({@code loss}, metrics, {@code val_} forms), so
     *               that callbacks can reject an unknown monitor before training starts
     */
    public Training(Model model, int epochs, Set<String> logged) {
        this.model = model;
        this.epochs = epochs;
        this.logged = Set.copyOf(logged);
    }

    public Model model() {
        return model;
    }

    public MultiLayerNetwork network() {
        return model.network();
    }

    /** The number of epochs asked for. */
    public int epochs() {
        return epochs;
    }

    /** The epoch under way (from 1), 0 before the first. */
    public int epoch() {
        return epoch;
    }

    /** Called by the trainer as each epoch begins. */
    public void epochStarted(int epoch) {
        this.epoch = epoch;
    }

    /** The names logged each epoch. */
    public Set<String> loggedNames() {
        return logged;
    }

    /** Ends training after the current batch; the reason ends up in {@code History.stopReason()}. */
    public void stop(String reason) {
        if (stopReason == null) {
            stoppedEpoch = epoch;
            stopReason = reason;
        }
    }

    public boolean stopRequested() {
        return stopReason != null;
    }

    /** Why training stopped early, or null. */
    public String stopReason() {
        return stopReason;
    }

    /** The epoch during which a stop was asked for, 0 if none. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** Records the best epoch so far, as judged by a monitoring callback. */
    public void markBest(int epoch) {
        bestEpoch = epoch;
    }

    /** The best epoch a monitoring callback recorded, 0 if none did. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The learning rate in use now. */
    public double learningRate() {
        MultiLayerNetwork net = network();
        for (int i = 0; i < net.getnLayers(); i++) {
            Double rate = net.getLearningRate(i);
            if (rate != null) {
                return rate;
            }
        }
        throw new IllegalStateException("no layer of this network has a learning rate");
    }

    /** Sets the learning rate of every layer, from the next step on. */
    public void setLearningRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + rate);
        }
        network().setLearningRate(rate);
        NetworkUpdater.install(network());   // DL4J replaces the updater (keeping its state) when the rate changes
    }
}
