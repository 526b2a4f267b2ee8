package org.dendrite.internal.training;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.dendrite.callbacks.Callback;
import org.dendrite.distribute.Epochs;
import org.dendrite.metrics.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The epoch loop behind {@code fit}: one DL4J gradient step per mini-batch; the epoch's loss as
 * the example-weighted mean of the batch losses and the compiled metrics over the predictions the
 * steps themselves made (each batch before its update, dropout on), both as Keras logs them; then
 * the validation loss and metrics with dropout off. Nothing is computed that was not asked for:
 * without metrics and validation the loop adds to the raw DL4J step only the batch score (already
 * computed by DL4J) and one copy of the weights per epoch; metrics add the output layer once more
 * per step.
 *
 * <p>These end a run mid-epoch and keep the weights of the last finished epoch: a batch loss that
 * is NaN or infinite (Keras's {@code TerminateOnNaN}, always on), a stop asked for from another
 * thread ({@code Model.stop()}, an interrupt), and anything thrown out of the loop (JShell's
 * {@code /stop} included). A callback's stop takes effect at the end of the epoch.
 *
 * <p>Each epoch starts by seeding ND4J's RNG (dropout masks and other random ops) from the model's
 * seed and the epoch number alone, and the batches are shuffled by the model's own RNG: an epoch
 * draws the same whether the run started at epoch 1 or resumed from a backup (or an initial epoch).
 */
public final class Trainer {

    private final Network net;
    /** Each output's metrics. */
    private final List<List<Metric>> metrics;

    /** The RNG that shuffles each epoch's batches; asked for at every epoch (a resumed run replaces it). */
    private final Supplier<Random> random;
    /** The model's seed: ND4J's RNG (dropout masks) is reseeded from it and the epoch as each epoch starts. */
    private final long seed;

    private final ProgressLog progress;

    public Trainer(Network net, List<List<Metric>> metrics, Supplier<Random> random, long seed, ProgressLog progress) {
        this.net = net;
        this.metrics = metrics;
        this.random = random;
        this.seed = seed;
        this.progress = progress;
    }

    /**
     * Which epochs run and what happens around them.
     *
     * @param start          called after the callbacks' {@code onTrainBegin}: restores what a
     *                       resumed run needs and returns the first epoch to run (from 1)
     * @param validationFreq validate after epochs n, 2n, ... only
     * @param afterEpoch     called with each finished epoch's number, after the callbacks (a backup)
     */
    public record Schedule(IntSupplier start, int validationFreq, IntConsumer afterEpoch) {

        /** Every epoch from the first, validated each time, nothing after it. */
        public static Schedule everyEpoch() {
            return new Schedule(() -> 1, 1, epoch -> {});
        }
    }

    /**
     * ND4J's RNG seed for an epoch: drawn from the model's seed and the epoch alone, so that a
     * resumed run draws the same dropout masks from its first epoch on as a run never interrupted.
     */
    static long epochSeed(long seed, int epoch) {
        return new java.util.SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * epoch)).nextLong();
    }

    /**
     * @param validation may be null
     * @param onEpoch    receives each finished epoch's logs, before the callbacks
     */
    public void fit(
            Batches train,
            Batches validation,
            TrainingRun training,
            List<Callback> callbacks,
            Schedule schedule,
            BiConsumer<Integer, Map<String, Double>> onEpoch) {
        BatchPredictions predictions = metrics.stream().allMatch(List::isEmpty)
                ? null
                : new BatchPredictions(net.outputs().size());
        fit(
                (epoch, predicted) -> runEpoch(train, predicted, training, callbacks, epoch),
                predictions,
                validation,
                training,
                callbacks,
                schedule,
                onEpoch);
    }

    /**
     * The same epochs run elsewhere ({@code Fit.on(strategy)}): each epoch is one call of
     * {@code remote}, which leaves the trained weights in the network; validation, callbacks,
     * History and the checks between epochs stay here. The training metrics are computed here from
     * the predictions the steps made there, the validation metrics from this JVM's predictions.
     */
    public void fit(
            Epochs remote,
            Batches validation,
            TrainingRun training,
            List<Callback> callbacks,
            Schedule schedule,
            BiConsumer<Integer, Map<String, Double>> onEpoch) {
        fit(
                (epoch, predicted) -> runRemoteEpoch(remote, training, epoch),
                null,
                validation,
                training,
                callbacks,
                schedule,
                onEpoch);
    }

    /** One epoch's training pass, here or elsewhere; null if it ended early. */
    @FunctionalInterface
    private interface EpochPass {
        Pass run(int epoch, BatchPredictions predictions);
    }

    private void fit(
            EpochPass epochPass,
            BatchPredictions predictions,
            Batches validation,
            TrainingRun training,
            List<Callback> callbacks,
            Schedule schedule,
            BiConsumer<Integer, Map<String, Double>> onEpoch) {
        if (predictions != null) {
            net.addListener(predictions);
        }
        callbacks.forEach(c -> c.onTrainBegin(training));
        INDArray lastGood = null;
        boolean finished = false;
        try {
            int first = schedule.start().getAsInt();
            lastGood = net.params().dup();
            INDArray lastSane = lastGood.dup();
            Divergence divergence = new Divergence();
            for (int epoch = first; epoch <= training.epochs() && !training.stopRequested(); epoch++) {
                training.epochStarted(epoch);
                Nd4j.getRandom().setSeed(epochSeed(seed, epoch));
                int at = epoch;
                callbacks.forEach(c -> c.onEpochBegin(at, training));
                progress.epochStarted(epoch, training.epochs());
                Pass pass = epochPass.run(epoch, predictions);
                if (pass == null) {
                    net.setParams(lastGood);
                    break;
                }
                double largest = net.params().amaxNumber().doubleValue();
                Divergence.Verdict diverged = divergence.check(epoch, pass.loss(), largest);
                if (diverged != null) {
                    training.stop(diverged.reason());
                    progress.message(diverged.reason());
                    net.setParams(diverged.keepEpoch() == epoch - 1 ? lastGood : lastSane);
                    break;
                }
                if (divergence.saneEpoch() == epoch) {
                    lastSane.assign(net.params());
                }
                net.incrementEpochCount();
                Map<String, Double> logs = new LinkedHashMap<>(Map.of("loss", pass.loss()));
                for (int i = 0; net.outputs().size() > 1 && i < pass.outputLosses().length; i++) {
                    logs.put(net.outputs().get(i) + "_loss", pass.outputLosses()[i]);
                }
                logs.putAll(predictions != null ? predictions.epochMetrics(metrics, net.outputs()) : pass.metrics());
                if (validation != null && epoch % schedule.validationFreq() == 0) {
                    logs.putAll(Scoring.evaluate(net, validation.inOrder(), metrics, "val_", true));
                }
                progress.epochEnded(pass.steps(), logs);
                onEpoch.accept(epoch, logs);
                callbacks.forEach(c -> c.onEpochEnd(at, logs, training));
                lastGood.assign(net.params());
                schedule.afterEpoch().accept(epoch);
            }
            finished = true;
        } finally {
            if (!finished && lastGood != null) {
                net.setParams(lastGood); // an exception or JShell's /stop mid-epoch: keep the last finished epoch
            }
            if (predictions != null) {
                net.removeListener(predictions);
            }
            callbacks.forEach(c -> c.onTrainEnd(training));
        }
    }

    /**
     * A finished pass over the batches: its loss, each output's (none when one), the number of
     * steps, and the training metrics when computed from predictions made elsewhere (else none).
     */
    private record Pass(double loss, double[] outputLosses, int steps, Map<String, Double> metrics) {
        Pass(double loss, double[] outputLosses, int steps) {
            this(loss, outputLosses, steps, Map.of());
        }
    }

    /** One epoch where {@code remote} trains; null if it was stopped or its loss is not finite. */
    private Pass runRemoteEpoch(Epochs remote, TrainingRun training, int epoch) {
        Thread caller = Thread.currentThread();
        boolean withMetrics = metrics.stream().anyMatch(m -> !m.isEmpty());
        Epochs.Pass pass = remote.run(epoch, withMetrics, () -> training.stopRequested() || caller.isInterrupted());
        if (pass == null) {
            if (caller.isInterrupted()) {
                training.stop("interrupted");
            }
            return stoppedDuring(epoch);
        }
        if (!Double.isFinite(pass.loss())) {
            return diverged(training, pass.loss(), "epoch " + epoch);
        }
        Map<String, Double> trainingMetrics = Map.of();
        if (withMetrics && pass.predictions() != null) {
            var seen = new Scoring.Predictions(net.outputs().size());
            seen.add(pass.predictions(), pass.labels());
            trainingMetrics = seen.metrics(metrics, net.outputs(), "");
        }
        return new Pass(pass.loss(), new double[0], (int) Math.min(pass.steps(), Integer.MAX_VALUE), trainingMetrics);
    }

    /** Stops training on a loss that is not a number, saying where; null, the pass that ended early. */
    private Pass diverged(TrainingRun training, double loss, String where) {
        training.stop(String.format(
                Locale.ROOT,
                "loss became %s at %s: training stopped, "
                        + "weights of the last finished epoch kept (try a smaller learning rate or clipNorm)",
                loss,
                where));
        progress.message(training.stopReason());
        return null;
    }

    /** Says that a stop request ended {@code epoch}; null, the pass that ended early. */
    private Pass stoppedDuring(int epoch) {
        progress.message("stopped during epoch " + epoch + ": weights of the last finished epoch kept");
        return null;
    }

    /** One pass over the batches, recording predictions if asked; null if it ended early (non-finite loss or a stop request). */
    private Pass runEpoch(
            Batches train, BatchPredictions predictions, TrainingRun training, List<Callback> callbacks, int epoch) {
        double lossSum = 0;
        double[] outputLossSums = new double[net.outputs().size()];
        long examples = 0;
        int steps = 0;
        for (Iterator<MultiDataSet> batches = train.epoch(random.get()); batches.hasNext(); ) {
            MultiDataSet batch = batches.next();
            if (predictions != null) {
                predictions.batch(batch.getLabels());
            }
            net.fit(batch);
            double loss = net.score();
            steps++;
            if (!Double.isFinite(loss)) {
                return diverged(training, loss, "epoch " + epoch + ", batch " + steps);
            }
            if (Thread.currentThread().isInterrupted()) {
                training.stop("interrupted");
            }
            if (training.stopRequested()) {
                return stoppedDuring(epoch);
            }
            long n = batch.getFeatures(0).size(0);
            lossSum += loss * n;
            double[] each = net.outputLosses();
            for (int i = 0; i < each.length; i++) {
                outputLossSums[i] += each[i] * n;
            }
            examples += n;
            for (int i = 0; i < callbacks.size(); i++) {
                callbacks.get(i).onBatchEnd(epoch, steps, loss, training);
            }
            progress.batchDone(steps, train.count(), lossSum / examples);
        }
        long total = examples;
        return new Pass(
                lossSum / examples,
                java.util.Arrays.stream(outputLossSums).map(l -> l / total).toArray(),
                steps);
    }
}
