package org.dendrite;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dendrite.callbacks.Callback;
import org.dendrite.callbacks.Resumable;

/**
 * The backup of a resumable {@code fit} ({@link Fit#backup}, Keras's {@code BackupAndRestore}): one
 * file, {@value #FILE}, in the backup directory, replaced atomically after each epoch, so that it
 * always holds one whole finished epoch. It is a saved model ({@link ModelFile}: weights, optimiser
 * state, iteration and epoch counts) with one more entry, {@value #ENTRY}: the rest of the run's
 * state, Java-serialised ({@link State}).
 */
final class Backup {

    static final String FILE = "backup.zip";
    static final String ENTRY = "dendrite-backup.bin";

    /** Which classes the state entry may hold: this project's, the JDK's collections and boxes, primitive arrays. */
    private static final ObjectInputFilter CLASSES =
            ObjectInputFilter.Config.createFilter("org.dendrite.**;java.util.*;java.lang.*;!*");

    /**
     * The run's state besides the network's.
     *
     * @param epoch          the last finished epoch (from 1)
     * @param random         the RNG that shuffles the batches, as it stands after that epoch
     * @param history        what History logged so far
     * @param bestEpoch      the best epoch a monitoring callback marked, 0 if none
     * @param learningRate   the learning rate in use (a callback may have changed it), null if none
     * @param callbacks      the callbacks' classes, in order
     * @param callbackStates each {@link Resumable} callback's state, null for the others
     */
    record State(
            int epoch,
            Random random,
            History.Snapshot history,
            int bestEpoch,
            Double learningRate,
            ArrayList<String> callbacks,
            ArrayList<Serializable> callbackStates,
            Serializable batches)
            implements Serializable {}

    /** A backup read back: its state and DL4J's network, checked against the model to resume. */
    record Restored(State state, org.deeplearning4j.nn.api.Model network) {}

    private final Path dir;
    private final Path file;

    Backup(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(FILE);
    }

    /** The state of {@code callbacks} now, in order: null for those that keep none. */
    static ArrayList<Serializable> states(List<Callback> callbacks) {
        ArrayList<Serializable> states = new ArrayList<>();
        for (Callback c : callbacks) {
            states.add(c instanceof Resumable r ? r.state() : null);
        }
        return states;
    }

    static ArrayList<String> classes(List<Callback> callbacks) {
        ArrayList<String> names = new ArrayList<>();
        callbacks.forEach(c -> names.add(c.getClass().getName()));
        return names;
    }

    /** Replaces the backup with {@code model} and {@code state}, atomically (the directory is created if need be). */
    void write(Model model, State state) {
        try {
            Files.createDirectories(dir);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(state);
            }
            ModelFile.save(model, file, Map.of(ENTRY, bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the backup after epoch " + state.epoch() + " could not be written to " + file, e);
        }
    }

    /**
     * The backup, checked against {@code model} and the fit's callbacks; null when there is none.
     *
     * @throws IllegalStateException naming the directory, for a backup that cannot be read or was
     *     written for another model or other callbacks
     */
    Restored read(Model model, List<Callback> callbacks) {
        if (!Files.exists(file)) {
            return null;
        }
        State state;
        org.deeplearning4j.nn.api.Model saved;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(ENTRY);
            ZipEntry description = zip.getEntry(ModelFile.ENTRY);
            if (entry == null || description == null) {
                throw new IOException("it has no " + (entry == null ? ENTRY : ModelFile.ENTRY) + " entry");
            }
            String kind;
            try (InputStream in = zip.getInputStream(description)) {
                kind = new ObjectMapper().readTree(in).path("class_name").asText();
            }
            if (!kind.equals(model.isFunctional() ? "Functional" : "Sequential")) {
                throw refused("it holds a " + kind + " model, this one is "
                        + (model.isFunctional() ? "Functional" : "Sequential"));
            }
            try (ObjectInputStream in = new ObjectInputStream(zip.getInputStream(entry))) {
                in.setObjectInputFilter(CLASSES);
                state = (State) in.readObject();
            }
            saved = model.isFunctional()
                    ? ModelSerializer.restoreComputationGraph(file.toFile(), true)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            if (e instanceof IllegalStateException refusal
                    && refusal.getMessage().startsWith("the backup in")) {
                throw refusal;
            }
            throw new IllegalStateException(
                    "the backup in " + dir + " cannot be read (" + e + "): delete " + file
                            + " to start afresh, or give another backup directory",
                    e);
        }
        List<String> expected = layers(model.isFunctional() ? model.graph() : model.network());
        List<String> found = layers(saved);
        if (!expected.equals(found)) {
            throw refused("its layers and parameter counts are " + found + ", this model's are " + expected);
        }
        if (!state.callbacks().equals(classes(callbacks))) {
            throw refused(
                    "it was written with the callbacks " + state.callbacks() + ", this fit has " + classes(callbacks));
        }
        return new Restored(state, saved);
    }

    private IllegalStateException refused(String why) {
        return new IllegalStateException("the backup in " + dir + " does not match this fit: " + why + "; delete "
                + file + " to start afresh, or give another backup directory");
    }

    /** Each layer as its kind and parameter count, in the network's order. */
    private static List<String> layers(org.deeplearning4j.nn.api.Model network) {
        Layer[] layers =
                network instanceof ComputationGraph g ? g.getLayers() : ((MultiLayerNetwork) network).getLayers();
        return Arrays.stream(layers)
                .map(l -> l.conf().getLayer().getClass().getSimpleName() + " of " + l.numParams())
                .toList();
    }

    /** Deletes the backup, and its directory if nothing else is left there (training ended normally). */
    void delete() {
        try {
            Files.deleteIfExists(file);
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                // the user's other files stay
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the backup " + file + " could not be deleted after training", e);
        }
    }

    Path dir() {
        return dir;
    }
}
