package org.dendrite;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dendrite.callbacks.Callback;
import org.dendrite.datasets.Dataset;
import org.dendrite.distribute.Strategy;

/**
 * The arguments of {@link Model#fit(Dataset, Fit)}, with Keras's defaults: 1 epoch, batch 32,
 * shuffle every epoch, verbose 1, no validation. An immutable value: each setter returns a copy.
 * <pre>{@code model.fit(train, epochs(150).batch(10).validationSplit(0.2).verbose(2));   // Dendrite.epochs(n)
 * model.fit(train, Fit.defaults().epochs(150).batch(10));                     // the same without the static import}</pre>
 *
 * @param epochs          passes over the training data, at least 1
 * @param batchSize       examples per gradient step, at least 1
 * @param verbose         0 silent, 1 a progress bar per epoch, 2 one line per epoch
 * @param shuffle         reshuffle the training examples before each epoch (seeded)
 * @param validationSplit the fraction of the data held out for validation, taken from the END
 *                        of the data before any shuffling (as Keras does); 0 for none
 * @param validationData  a separate validation set, used instead of a split; may be null
 * @param callbacks       run at the start and end of training and of each epoch, in order
 * @param classWeight     each class's weight in the training loss (Keras's {@code class_weight}); empty for none
 * @param initialEpoch    the epochs already done: training runs epochs {@code initialEpoch + 1} to {@code epochs}
 * @param validationFreq  validate after every n-th epoch (epochs n, 2n, ...), as Keras's {@code validation_freq}
 * @param backupDir       where a resumable run keeps its backup (Keras's {@code BackupAndRestore}); may be null
 * @param stepsPerEpoch   batches per epoch (Keras's {@code steps_per_epoch}); 0 for one pass over the data
 * @param strategy        where the epochs run (Keras's {@code tf.distribute} strategy); null for this JVM
 */
public record Fit(
        int epochs,
        int batchSize,
        int verbose,
        boolean shuffle,
        double validationSplit,
        Dataset validationData,
        List<Callback> callbacks,
        Map<Integer, Double> classWeight,
        int initialEpoch,
        int validationFreq,
        Path backupDir,
        int stepsPerEpoch,
        Strategy strategy) {

    /** Keras's default batch size. */
    public static final int DEFAULT_BATCH = 32;

    public Fit {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be at least 1, received epochs=" + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be at least 1, received batchSize=" + batchSize);
        }
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, received verbose=" + verbose);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException(
                    "validationSplit must lie in [0, 1), received validationSplit=" + validationSplit);
        }
        if (initialEpoch < 0 || initialEpoch >= epochs) {
            throw new IllegalArgumentException(
                    "initialEpoch must lie in [0, epochs) (the epochs already done), received" + " initialEpoch="
                            + initialEpoch + " with epochs=" + epochs);
        }
        if (validationFreq < 1) {
            throw new IllegalArgumentException(
                    "validationFreq must be at least 1, received validationFreq=" + validationFreq);
        }
        if (stepsPerEpoch < 0) {
            throw new IllegalArgumentException(
                    "stepsPerEpoch must be at least 1 (or 0: the whole data), received stepsPerEpoch=" + stepsPerEpoch);
        }
        callbacks = List.copyOf(callbacks);
        classWeight = Map.copyOf(classWeight);
        classWeight.forEach((c, w) -> {
            if (c < 0 || !(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("classWeight maps class indices (0 or more) to weights (0 or more,"
                        + " finite), received " + c + "=" + w);
            }
        });
    }

    /** Keras's defaults: 1 epoch, batch 32, shuffled, verbose 1, no validation, no callbacks. */
    public static Fit defaults() {
        return new Fit(1, DEFAULT_BATCH, 1, true, 0, null, List.of(), Map.of(), 0, 1, null, 0, null);
    }

    /** Passes over the training data (if not set, 1). */
    public Fit epochs(int n) {
        return with(v -> v.epochs = n);
    }

    /** Examples per gradient step (if not set, 32). */
    public Fit batch(int size) {
        return with(v -> v.batchSize = size);
    }

    /** 0 silent, 1 a progress bar per epoch, 2 one line per epoch (if not set, 1). */
    public Fit verbose(int level) {
        return with(v -> v.verbose = level);
    }

    /** Whether to reshuffle the training examples before each epoch, seeded (if not set, true). */
    public Fit shuffle(boolean on) {
        return with(v -> v.shuffle = on);
    }

    /** The fraction held out for validation, from the END of the data, before shuffling (if not set, 0). */
    public Fit validationSplit(double fraction) {
        return with(v -> v.validationSplit = fraction);
    }

    /** A separate validation set, used instead of a split (if not set, none). */
    public Fit validationData(Dataset data) {
        return with(v -> v.validationData = Objects.requireNonNull(data, "validation data"));
    }

    /** Callbacks to run, e.g. {@code earlyStopping("val_loss").patience(5)}. */
    public Fit callbacks(Callback... callbacks) {
        return with(v -> v.callbacks = List.of(callbacks));
    }

    /**
     * Each class's weight in the training loss, by class index (Keras's {@code class_weight}, e.g.
     * {@code Map.of(0, 1.0, 1, 3.0)} to count the minority class three times): each training
     * example's loss is scaled by its class's weight (and by its sample weight, if the data has
     * them). Every class in the labels needs a weight. If not set, every class weighs 1.
     */
    public Fit classWeight(Map<Integer, Double> weights) {
        return with(v -> v.classWeight = Objects.requireNonNull(weights, "weights"));
    }

    /**
     * Starts at epoch {@code n + 1}, as Keras's {@code initial_epoch}: for a model already trained
     * {@code n} epochs, e.g. loaded from a checkpoint; History records only the epochs run, and
     * callbacks see their numbers ({@code n + 1} to {@code epochs}). If not set, 0.
     */
    public Fit initialEpoch(int n) {
        return with(v -> v.initialEpoch = n);
    }

    /**
     * Validates after every n-th epoch only (epochs n, 2n, ...), as Keras's {@code validation_freq}:
     * the other epochs log no {@code val_} values, History lists only the validated epochs for
     * them, and callbacks monitoring one skip the epochs without it. If not set, 1.
     */
    public Fit validationFreq(int n) {
        return with(v -> v.validationFreq = n);
    }

    /**
     * Makes the run resumable, as Keras's {@code BackupAndRestore(backup_dir)}: after each epoch
     * (and its callbacks) everything needed to continue is written atomically to {@code dir}
     * (weights, optimiser state, epoch, the shuffling RNG, History, the callbacks' state); a
     * {@code fit} that finds a backup there restores it and continues from the next epoch, ending
     * with the same weights, bit for bit, as a run never interrupted. The backup is deleted when
     * training ends normally (every epoch, or a callback's stop); it stays after a crash, a kill,
     * an exception or {@code Model.stop()}. In-memory data only.
     */
    public Fit backup(Path dir) {
        return with(v -> v.backupDir = Objects.requireNonNull(dir, "dir"));
    }

    /**
     * Trains {@code n} batches per epoch, as Keras 3's {@code steps_per_epoch} does for arrays:
     * the epochs walk on through one shuffled pass over the data (epoch 2 starts at the batch after
     * epoch 1's last), and an epoch that reaches the end of the pass stops there, shorter, the next
     * one starting a freshly shuffled pass (Keras 3 warns "Your input ran out of data" and does the
     * same). With 10 batches of data and {@code stepsPerEpoch(4)}: epochs of 4, 4, 2, 4, 4, 2, …
     * batches; with {@code stepsPerEpoch(10)} or more, every epoch is the whole data. A DL4J
     * iterator is walked through the same way (reset when a pass ends); a {@link #backup} keeps the
     * place in the pass of in-memory data.
     * If not set, 0: one pass per epoch.
     */
    public Fit stepsPerEpoch(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("stepsPerEpoch must be at least 1, received stepsPerEpoch=" + n);
        }
        return with(v -> v.stepsPerEpoch = n);
    }

    /**
     * Trains where {@code strategy} says, e.g. on a Spark cluster
     * ({@code epochs(5).batch(128).on(spark.averagingEvery(5))}, module {@code dendrite-spark}):
     * each epoch runs there, and History, callbacks, validation, progress output and
     * {@code Model.stop()} work on this JVM as they do for local training. If not set, this JVM
     * (or, for data that lies on a cluster, such as {@code spark.csv(...)}, that cluster's
     * {@code averagingEvery(5)}, DL4J's default).
     */
    public Fit on(Strategy strategy) {
        return with(v -> v.strategy = Objects.requireNonNull(strategy, "strategy"));
    }

    /** This Fit with what {@code change} sets changed: records have no withers, so every setter goes through here. */
    private Fit with(java.util.function.Consumer<Values> change) {
        Values v = new Values(this);
        change.accept(v);
        return new Fit(
                v.epochs,
                v.batchSize,
                v.verbose,
                v.shuffle,
                v.validationSplit,
                v.validationData,
                v.callbacks,
                v.classWeight,
                v.initialEpoch,
                v.validationFreq,
                v.backupDir,
                v.stepsPerEpoch,
                v.strategy);
    }

    /** A Fit's arguments as they are being changed. */
    private static final class Values {
        int epochs;
        int batchSize;
        int verbose;
        boolean shuffle;
        double validationSplit;
        Dataset validationData;
        List<Callback> callbacks;
        Map<Integer, Double> classWeight;
        int initialEpoch;
        int validationFreq;
        Path backupDir;
        int stepsPerEpoch;
        Strategy strategy;

        Values(Fit f) {
            epochs = f.epochs;
            batchSize = f.batchSize;
            verbose = f.verbose;
            shuffle = f.shuffle;
            validationSplit = f.validationSplit;
            validationData = f.validationData;
            callbacks = f.callbacks;
            classWeight = f.classWeight;
            initialEpoch = f.initialEpoch;
            validationFreq = f.validationFreq;
            backupDir = f.backupDir;
            stepsPerEpoch = f.stepsPerEpoch;
            strategy = f.strategy;
        }
    }

    @Override
    public String toString() {
        return "Fit[epochs " + epochs + ", batch " + batchSize + ", verbose " + verbose
                + (shuffle ? "" : ", no shuffle")
                + (validationSplit > 0 ? ", validationSplit " + validationSplit : "")
                + (validationData != null ? ", validation " + validationData.size() + " examples" : "")
                + (callbacks.isEmpty() ? "" : ", callbacks " + callbacks)
                + (classWeight.isEmpty() ? "" : ", classWeight " + new java.util.TreeMap<>(classWeight))
                + (initialEpoch == 0 ? "" : ", initialEpoch " + initialEpoch)
                + (validationFreq == 1 ? "" : ", validationFreq " + validationFreq)
                + (backupDir == null ? "" : ", backup " + backupDir)
                + (stepsPerEpoch == 0 ? "" : ", stepsPerEpoch " + stepsPerEpoch)
                + (strategy == null ? "" : ", on " + strategy) + "]";
    }
}
