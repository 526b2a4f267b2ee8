package org.dendrite.spark.demo;

import static org.dendrite.Dendrite.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.dendrite.Fit;
import org.dendrite.History;
import org.dendrite.Model;
import org.dendrite.callbacks.Callback;
import org.dendrite.callbacks.Training;
import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Datasets;
import org.dendrite.datasets.Mnist;
import org.dendrite.datasets.Normalizer;
import org.dendrite.distribute.DistributedData;
import org.dendrite.spark.SparkTraining;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Spark job of {@code spark/cluster-demo.sh}, and the bench's Spark rows: the same models
 * trained on one JVM and across the cluster's workers, with accuracy, seconds per epoch and their
 * ratio printed. Run by {@code spark-submit} with the master URL and the parts to run:
 * {@code pima} (CSV files read on the executors), {@code mnist} (mnist_mlp, the images partitioned
 * from the driver), {@code averaging} (the cost per step of averaging every 1, 5 and 20 steps),
 * {@code fault} (a long run during which the script kills a worker; prints each finished epoch).
 */
public final class ClusterDemo {

    private ClusterDemo() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ClusterDemo <master URL> <data dir> [pima] [mnist] [averaging] [fault]");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        List<String> parts = Arrays.asList(args).subList(2, args.length);
        try (SparkTraining spark = SparkTraining.connect(args[0])) {
            System.out.println(
                    "cluster: " + spark + ", Spark " + spark.context().version());
            if (parts.contains("pima")) {
                pima(spark, dir);
            }
            if (parts.contains("mnist")) {
                mnist(spark);
            }
            if (parts.contains("averaging")) {
                averaging(spark);
            }
            if (parts.contains("fault")) {
                fault(spark);
            }
        }
    }

    /** Seconds of each epoch, from its onEpochBegin to its onEpochEnd, and each epoch's weights. */
    static final class EpochClock implements Callback {
        final List<Double> seconds = new ArrayList<>();
        final List<INDArray> weights = new ArrayList<>();
        private long start;
        private final boolean announce;

        EpochClock(boolean announce) {
            this.announce = announce;
        }

        @Override
        public void onEpochBegin(int epoch, Training training) {
            start = System.nanoTime();
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
            seconds.add((System.nanoTime() - start) / 1e9);
            weights.add(training.network().params().dup());
            if (announce) {
                System.out.printf(Locale.ROOT, "EPOCH %d DONE loss %.4f%n", epoch, logs.get("loss"));
                System.out.flush();
            }
        }

        /** The median epoch after the first (which on a cluster also starts the executors' work and caches the data). */
        double typical() {
            List<Double> rest = new ArrayList<>(seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds);
            rest.sort(null);
            return rest.get(rest.size() / 2);
        }
    }

    /** One model trained on one JVM and on the cluster: accuracies, seconds per epoch and the ratio. */
    private static void compare(
            String name,
            Supplier<Model> model,
            Dataset train,
            Dataset test,
            Fit fit,
            DistributedData onCluster,
            SparkTraining spark) {
        Model local = model.get();
        EpochClock localClock = new EpochClock(false);
        local.fit(train, fit.callbacks(localClock));
        double localAccuracy = local.evaluate(test).accuracy();

        Model distributed = model.get();
        EpochClock clusterClock = new EpochClock(false);
        Fit onSpark = fit.callbacks(clusterClock).on(spark.averagingEvery(5));
        History history = onCluster == null ? distributed.fit(train, onSpark) : distributed.fit(onCluster, onSpark);
        double clusterAccuracy = distributed.evaluate(test).accuracy();

        System.out.printf(
                Locale.ROOT,
                "%s, %d epochs, batch %d:%n"
                        + "  one JVM (2 threads)          accuracy %.4f  %.2f s/epoch%n"
                        + "  %d workers, averaging every 5 accuracy %.4f  %.2f s/epoch (epoch 1: %.2f s)"
                        + "  ratio %.1f%n"
                        + "  accuracy difference %.2f points (%s); final loss one JVM %.4f, cluster %.4f%n",
                name,
                fit.epochs(),
                fit.batchSize(),
                localAccuracy,
                localClock.typical(),
                spark.workers(),
                clusterAccuracy,
                clusterClock.typical(),
                clusterClock.seconds.get(0),
                clusterClock.typical() / localClock.typical(),
                100 * Math.abs(clusterAccuracy - localAccuracy),
                Math.abs(clusterAccuracy - localAccuracy) <= 0.02 ? "within 2" : "NOT within 2",
                lastLoss(local, train),
                history.loss().get(history.loss().size() - 1));
    }

    private static double lastLoss(Model model, Dataset train) {
        return model.evaluate(train).loss();
    }

    /** Pima, standardised, written as two CSV files that the executors read. */
    private static void pima(SparkTraining spark, Path dir) throws IOException {
        var parts = Datasets.pima().split(0.8, 7);
        var scaler = Normalizer.standardize().fit(parts.train());
        Dataset train =
                Dataset.of(scaler.apply(parts.train().features()), parts.train().labels());
        Dataset test =
                Dataset.of(scaler.apply(parts.test().features()), parts.test().labels());
        Files.createDirectories(dir);
        int half = train.size() / 2;
        writeCsv(train.rows(0, half), dir.resolve("pima-0.csv"));
        writeCsv(train.rows(half, train.size()), dir.resolve("pima-1.csv"));
        compare(
                "Pima 8-12-8-1 (CSV files read on the executors)",
                () -> Sequential()
                        .dense(12, RELU, HE)
                        .dense(8, RELU)
                        .dense(1, SIGMOID)
                        .compile(adam, crossEntropy, accuracy),
                train,
                test,
                epochs(40).batch(10).verbose(0),
                spark.csv(dir.resolve("pima-*.csv").toString()).label(-1),
                spark);
    }

    private static Model mnistMlp() {
        return Sequential()
                .dense(512, RELU)
                .dropout(0.2)
                .dense(512, RELU)
                .dropout(0.2)
                .dense(10, SOFTMAX)
                .compile(rmsprop, crossEntropy, accuracy);
    }

    /** Keras's mnist_mlp, its images partitioned from the driver. */
    private static void mnist(SparkTraining spark) {
        Mnist mnist = Datasets.mnist();
        compare(
                "mnist_mlp 784-512-512-10 (images partitioned from the driver)",
                ClusterDemo::mnistMlp,
                mnist.train(),
                mnist.test(),
                epochs(3).batch(128).verbose(0),
                null,
                spark);
    }

    /** The cost per step of parameter averaging every 1, 5 and 20 steps: mnist_mlp, 12,800 examples, 2 epochs. */
    private static void averaging(SparkTraining spark) {
        Dataset part = Datasets.mnist().train().take(12_800);
        Model local = mnistMlp();
        EpochClock localClock = new EpochClock(false);
        local.fit(part, epochs(2).batch(128).verbose(0).callbacks(localClock));
        double steps = 100;
        System.out.printf(
                Locale.ROOT,
                "averaging cost, mnist_mlp, 100 steps of 128 per epoch (second epoch):%n"
                        + "  one JVM                 %.1f ms/step%n",
                1000 * localClock.typical() / steps);
        for (int every : new int[] {1, 5, 20}) {
            Model model = mnistMlp();
            EpochClock clock = new EpochClock(false);
            model.fit(part, epochs(2).batch(128).verbose(0).callbacks(clock).on(spark.averagingEvery(every)));
            System.out.printf(
                    Locale.ROOT,
                    "  averaging every %2d steps %.1f ms/step (%.1f x one JVM)%n",
                    every,
                    1000 * clock.typical() / steps,
                    clock.typical() / localClock.typical());
        }
    }

    /**
     * A long run on the cluster during which the script kills a worker: prints each finished
     * epoch, then whether the fit finished (on the remaining worker) or failed, and whether the
     * model holds the weights of its last finished epoch.
     */
    private static void fault(SparkTraining spark) {
        Mnist mnist = Datasets.mnist();
        Dataset part = mnist.train().take(12_800);
        Model model = mnistMlp();
        EpochClock clock = new EpochClock(true);
        int epochs = 8;
        try {
            History history = model.fit(
                    part, epochs(epochs).batch(128).verbose(0).callbacks(clock).on(spark.averagingEvery(5)));
            System.out.printf(
                    Locale.ROOT,
                    "FAULT RUN: finished all %d epochs of %d after the worker was killed; test accuracy %.4f;"
                            + " epoch seconds %s%n",
                    history.epochs(),
                    epochs,
                    model.evaluate(mnist.test()).accuracy(),
                    rounded(clock.seconds));
        } catch (RuntimeException e) {
            System.out.println("FAULT RUN: failed with: " + e.getMessage());
        }
        boolean lastEpoch = !clock.weights.isEmpty()
                && clock.weights
                        .get(clock.weights.size() - 1)
                        .equals(model.network().params());
        System.out.println("FAULT RUN: the model holds the weights of epoch " + clock.weights.size() + ", its last"
                + " finished one: " + lastEpoch);
    }

    private static String rounded(List<Double> seconds) {
        return seconds.stream()
                .map(s -> String.format(Locale.ROOT, "%.1f", s))
                .toList()
                .toString();
    }

    /**
     * {@code data} as the headerless CSV {@code spark.csv(...)} reads: each example's features, then
     * its label (one 0/1 column, as Pima's), one example a line. The tests write their files with it too.
     */
    public static void writeCsv(Dataset data, Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < data.size(); i++) {
            INDArray row = data.features().getRow(i);
            for (int j = 0; j < row.length(); j++) {
                out.append(row.getDouble(j)).append(',');
            }
            out.append((int) data.labels().getDouble(i, 0)).append('\n');
        }
        Files.writeString(file, out);
    }
}
