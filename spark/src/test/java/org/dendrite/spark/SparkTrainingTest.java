package org.dendrite.spark;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dendrite.History;
import org.dendrite.Model;
import org.dendrite.callbacks.Callback;
import org.dendrite.callbacks.Training;
import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Datasets;
import org.dendrite.datasets.Normalizer;
import org.dendrite.distribute.Epochs;
import org.dendrite.spark.demo.ClusterDemo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training on Spark in {@code local[2]} (two worker threads, DL4J's parameter averaging between
 * them) on Pima: standardised, written as two headerless CSV files that the executors read.
 */
@Tag("slow") // real training on Spark: ~20 s for the class, most of it Spark's start and the epochs
class SparkTrainingTest {

    static SparkTraining spark;
    static Dataset train;
    static Dataset test;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        var parts = Datasets.pima().split(0.8, 7);
        var scaler = Normalizer.standardize().fit(parts.train());
        train = Dataset.of(scaler.apply(parts.train().features()), parts.train().labels());
        test = Dataset.of(scaler.apply(parts.test().features()), parts.test().labels());
        int half = train.size() / 2;
        ClusterDemo.writeCsv(train.rows(0, half), dir.resolve("train-0.csv"));
        ClusterDemo.writeCsv(train.rows(half, train.size()), dir.resolve("train-1.csv"));
        spark = SparkTraining.connect("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    static Model pimaModel() {
        return Sequential()
                .dense(12, RELU)
                .dense(8, RELU)
                .dense(1, SIGMOID)
                .compile(adam(0.01), crossEntropy, accuracy);
    }

    SparkCsv pimaFiles() {
        return spark.csv(dir.resolve("train-*.csv").toString()).label(-1);
    }

    @Test
    void csvFilesReadOnTheExecutorsTrainAboveTheBarWithOneHistoryRowPerEpoch() {
        Model model = pimaModel();
        double before = model.evaluate(test).accuracy();
        History history = model.fit(
                pimaFiles(),
                epochs(10).batch(16).verbose(0).validationData(test).on(spark.averagingEvery(5)));

        assertEquals(10, history.epochs());
        List<Double> loss = history.loss();
        assertEquals(10, loss.size());
        assertTrue(loss.get(9) < loss.get(0) * 0.9, "loss goes down: " + loss);
        double accuracy = model.evaluate(test).accuracy();
        assertTrue(accuracy > 0.72, "test accuracy " + accuracy + " (before training " + before + ")");
        assertEquals(accuracy, history.metric("val_accuracy").get(9), 1e-6, "validated on the driver's weights");
        List<Double> trained = history.metric("accuracy");
        assertEquals(10, trained.size(), "the training metric of every epoch, from the workers' steps");
        assertTrue(trained.get(9) > trained.get(0), "training accuracy rises: " + trained);
        assertEquals(
                model.evaluate(train).accuracy(),
                trained.get(9),
                0.05,
                "the last epoch's steps saw nearly the final weights' accuracy on the training data");
    }

    @Test
    void everyWorkerGetsTheHookThatPutsDendritesDirectPathsInItsCopy() {
        var hooks = spark.averagingEvery(5)
                .master(16, 1, org.apache.spark.storage.StorageLevel.MEMORY_ONLY())
                .getTrainingHookList();
        assertTrue(hooks.stream().anyMatch(hook -> hook instanceof DirectPaths), "hooks: " + hooks);
    }

    @Test
    void anEpochTrainsEveryExampleOnceWhereTheBatchesDoNotDivideIntoRounds() {
        Model model = Sequential().input(8).dense(4, RELU).dense(1, SIGMOID).compile(adam, crossEntropy, accuracy);
        List<org.nd4j.linalg.dataset.api.MultiDataSet> batches = new ArrayList<>();
        for (int from = 0; from < train.size(); from += 16) {
            Dataset batch = train.rows(from, Math.min(from + 16, train.size()));
            batches.add(new org.nd4j.linalg.dataset.MultiDataSet(batch.features(), batch.labels()));
        }
        assertEquals(39, batches.size(), "614 examples in batches of 16: 3.9 rounds of 2 workers × 5 steps");
        try (Epochs epochs = spark.averagingEvery(5).distribute(batches).train(model.network(), null, 16)) {
            Epochs.Pass pass = epochs.run(1, true, () -> false);
            assertEquals(39, pass.steps(), "every batch trained once");
            assertEquals(train.size(), pass.labels()[0].size(0), "every example's prediction came back");
            assertEquals(
                    train.labels().sumNumber().doubleValue(),
                    pass.labels()[0].sumNumber().doubleValue(),
                    1e-6,
                    "the positives among them: each example once");
        }
    }

    @Test
    void callbacksActOnEveryEpochAndALearningRateTheySetReachesTheWorkers(@TempDir Path out) throws IOException {
        Model model = pimaModel();
        List<Integer> begun = new ArrayList<>();
        List<INDArray> weights = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onTrainBegin(Training training) {
                weights.add(training.network().params().dup());
            }

            @Override
            public void onEpochBegin(int epoch, Training training) {
                begun.add(epoch);
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
                weights.add(training.network().params().dup());
            }
        };
        History history = model.fit(
                pimaFiles(),
                epochs(3)
                        .batch(16)
                        .verbose(0)
                        .validationData(test)
                        .callbacks(
                                recorder,
                                learningRateScheduler(epoch -> epoch == 1 ? 0.01 : 1e-12),
                                csvLogger(out.resolve("log.csv")),
                                checkpoint(out.resolve("last.zip")))
                        .on(spark.averagingEvery(5)));

        assertEquals(List.of(1, 2, 3), begun);
        assertEquals(3, history.epochs());
        double learned = weights.get(1).sub(weights.get(0)).amaxNumber().doubleValue();
        assertTrue(learned > 0.01, "epoch 1 trained at rate 0.01: " + learned);
        double drift = weights.get(3).sub(weights.get(1)).amaxNumber().doubleValue();
        assertTrue(drift < 1e-6, "epochs 2 and 3 at rate 1e-12 on the workers move the weights by " + drift);
        assertEquals(4, Files.readAllLines(out.resolve("log.csv")).size(), "a header and a row per epoch");
        INDArray predicted = model.predict(test.features());
        assertEquals(predicted, Model.load(out.resolve("last.zip")).predict(test.features()));
        assertEquals(predicted, model.network().output(test.features()), "the trained weights are the model's");
    }

    @Test
    void aCallbacksStopEndsTrainingAfterTheEpochAndMonitorsAreCheckedBeforeTraining() {
        Model model = pimaModel();
        Callback enough = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
                if (epoch == 2) {
                    training.stop("enough");
                }
            }
        };
        History history = model.fit(
                pimaFiles(), epochs(5).batch(16).verbose(0).callbacks(enough).on(spark.averagingEvery(5)));
        assertEquals(2, history.epochs());
        assertEquals("enough", history.stopReason());

        var e = assertThrows(
                IllegalArgumentException.class,
                () -> model.fit(pimaFiles(), epochs(5).verbose(0).callbacks(earlyStopping("val_accuracy"))));
        assertTrue(e.getMessage().contains("val_accuracy"), e.getMessage());
    }

    @Test
    void stopFromAnotherThreadKeepsTheWeightsOfTheLastFinishedEpoch() throws Exception {
        Model model = pimaModel();
        CountDownLatch firstEpoch = new CountDownLatch(1);
        List<INDArray> weights = new java.util.concurrent.CopyOnWriteArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
                weights.add(training.network().params().dup());
                firstEpoch.countDown();
            }
        };
        History[] history = new History[1];
        Thread fit = new Thread(() -> history[0] = model.fit(
                pimaFiles(),
                epochs(500).batch(16).verbose(0).callbacks(recorder).on(spark.averagingEvery(1))));
        fit.start();
        assertTrue(firstEpoch.await(60, TimeUnit.SECONDS));
        Thread.sleep(150); // into a later epoch
        model.stop();
        fit.join(30_000);
        assertFalse(fit.isAlive(), "the fit ended");
        assertTrue(history[0].epochs() < 500);
        assertEquals("stopped by request", history[0].stopReason());
        assertEquals(history[0].epochs(), weights.size());
        assertEquals(weights.get(weights.size() - 1), model.network().params());
    }

    @Test
    void inMemoryDataPartitionedFromTheDriverTrainsAFunctionalModel() {
        var in = Input(8);
        Model model = Model(in, in.dense(12, RELU).dense(8, RELU).dense(1, SIGMOID))
                .compile(adam(0.01), crossEntropy, accuracy);
        History history = model.fit(train, epochs(10).batch(16).verbose(0).on(spark.averagingEvery(5)));

        assertEquals(10, history.epochs());
        assertTrue(history.loss().get(9) < history.loss().get(0) * 0.9, "loss goes down: " + history.loss());
        assertTrue(history.metric("accuracy").get(9) > 0.72, "training accuracy " + history.metric("accuracy"));
        assertTrue(
                model.evaluate(test).accuracy() > 0.72,
                "accuracy " + model.evaluate(test).accuracy());
    }

    @Test
    void filesOfAnotherWidthThanTheModelAreRefusedBeforeTrainingNamingFileAndWidths() {
        Model model = Sequential().input(10).dense(1, SIGMOID).compile(adam, crossEntropy);
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> model.fit(pimaFiles(), epochs(1).on(spark.averagingEvery(5))));
        assertTrue(e.getMessage().contains("train-0.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("[8] (8 features)") && e.getMessage().contains("[10]"), e.getMessage());
    }

    @Test
    void filesOfDifferentWidthsAHeaderOrNoFileAreRefusedNamingThem(@TempDir Path files) throws IOException {
        Files.writeString(files.resolve("a.csv"), "1,2,3\n4,5,6\n");
        Files.writeString(files.resolve("b.csv"), "1,2,3,4\n");
        Files.writeString(files.resolve("h.csv"), "x,y,label\n1,2,0\n");
        Model model = pimaModel();

        var widths = assertThrows(
                IllegalArgumentException.class,
                () -> model.fit(spark.csv(files.resolve("[ab].csv").toString()), epochs(1)));
        assertTrue(widths.getMessage().matches(".*b.csv has 4 columns but .*a.csv has 3.*"), widths.getMessage());
        var header = assertThrows(
                IllegalArgumentException.class,
                () -> model.fit(spark.csv(files.resolve("h.csv").toString()), epochs(1)));
        assertTrue(header.getMessage().contains("h.csv line 1, column 0: \"x\" is not a number"), header.getMessage());
        var none = assertThrows(
                IllegalArgumentException.class,
                () -> model.fit(spark.csv(files.resolve("none-*.csv").toString()), epochs(1)));
        assertTrue(none.getMessage().contains("none-*.csv"), none.getMessage());
    }

    @Test
    void progressLinesAndEarlyStoppingWithTheBestWeightsWorkAsLocally() {
        Model model = pimaModel();
        var printed = new java.io.ByteArrayOutputStream();
        var console = System.out;
        History history;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            history = model.fit(
                    pimaFiles(),
                    epochs(6)
                            .batch(16)
                            .verbose(2)
                            .validationData(test)
                            .callbacks(earlyStopping("val_loss").patience(6).restoreBestWeights())
                            .on(spark.averagingEvery(5)));
        } finally {
            System.setOut(console);
        }
        List<String> lines = printed.toString(java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("Epoch "))
                .toList();
        assertEquals(6, lines.size(), "one line per epoch: " + lines);
        assertTrue(
                lines.get(0)
                        .matches(
                                "Epoch 1/6 - \\d+s \\d+ms/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - val_loss: .*"
                                        + " - val_accuracy: .*"),
                lines.get(0));
        List<Double> validation = history.metric("val_loss");
        int best = history.bestEpoch();
        assertEquals(
                validation.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), validation.get(best - 1));
        assertEquals(validation.get(best - 1), model.evaluate(test).loss(), 1e-6, "the best epoch's weights restored");
    }
}
