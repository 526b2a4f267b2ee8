package org.dendrite.callbacks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;

/**
 * What a {@link Callback} sees of the {@code fit} in progress and may change: Keras's
 * {@code self.model} and {@code self.params} for callbacks. Stop the run, read and set the learning
 * rate, save the model, reach DL4J's network.
 */
public interface Training {

    /** The number of epochs asked for. */
    int epochs();

    /** The epoch under way (from 1), 0 before the first. */
    int epoch();

    /** The names each epoch logs ({@code loss}, metrics, {@code val_} forms), known before the first epoch. */
    Set<String> loggedNames();

    /** Ends training after the current epoch; the reason ends up in {@code History.stopReason()}. The first reason stays. */
    void stop(String reason);

    /** Whether a stop was asked for. */
    boolean stopRequested();

    /** Records the best epoch so far, as judged by a monitoring callback; {@code History.bestEpoch()} reports it. */
    void markBest(int epoch);

    /** The best epoch a monitoring callback recorded, 0 if none did. */
    int bestEpoch();

    /** The learning rate in use now. */
    double learningRate();

    /** Sets the learning rate of every layer, from the next step on; a positive, finite number. */
    void setLearningRate(double rate);

    /** Saves the model as {@code Model.save} does (atomically). */
    void save(Path file) throws IOException;

    /** The model's summary table as {@code model.summary()} prints it; empty where there is none. */
    default String summary() {
        return "";
    }

    /** DL4J's network being trained: its {@code params()} are every weight as one flat array. */
    Model network();
}
