package org.dendrite.callbacks;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.dendrite.Model;
import org.dendrite.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {

    @TempDir
    Path dir;

    private static Model small() {
        return Sequential().dense(16, RELU, HE).dense(1, SIGMOID).compile(adam(0.01), crossEntropy, accuracy);
    }

    @Test
    void checkpointBestOnlyKeepsTheBestEpochsModel() throws IOException {
        Path file = dir.resolve("best.zip");
        var model = small();
        var data = TestData.noisy(5);
        var history = model.fit(
                data,
                epochs(30)
                        .batch(16)
                        .validationSplit(0.25)
                        .verbose(0)
                        .callbacks(checkpoint(file).bestOnly()));

        var best = Model.load(file);
        double bestValLoss = history.metric("val_loss").stream()
                .mapToDouble(Double::doubleValue)
                .min()
                .orElseThrow();
        assertEquals(bestValLoss, best.evaluate(data.rows(60, 80)).loss(), 1e-6);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files left");
        }
    }

    @Test
    void reduceLrOnPlateauCutsTheRateWhenTheMonitorStalls() {
        var model = small();
        List<Double> rates = new ArrayList<>();
        Callback spy = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
                rates.add(training.learningRate());
            }
        };
        // min_delta 10 can never be met: every epoch after the first counts as a plateau.
        model.fit(
                TestData.noisy(6),
                epochs(7)
                        .verbose(0)
                        .callbacks(
                                reduceLrOnPlateau("loss")
                                        .factor(0.5)
                                        .patience(2)
                                        .minDelta(10),
                                spy));
        assertEquals(List.of(0.01, 0.01, 0.005, 0.005, 0.0025, 0.0025, 0.00125), rates);
    }

    @Test
    void learningRateSchedulesSetTheRateEachEpoch() {
        List<Double> rates = new ArrayList<>();
        Callback spy = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
                rates.add(training.learningRate());
            }
        };
        small().fit(TestData.noisy(7), epochs(5).verbose(0).callbacks(learningRateScheduler(stepDecay(0.5, 2)), spy));
        assertEquals(List.of(0.01, 0.01, 0.005, 0.005, 0.0025), rates);

        rates.clear();
        small().fit(
                        TestData.noisy(7),
                        epochs(3).verbose(0).callbacks(learningRateScheduler(epoch -> 0.1 / epoch), spy));
        assertEquals(0.1, rates.get(0), 1e-12);
        assertEquals(0.05, rates.get(1), 1e-12);
        assertEquals(0.1 / 3, rates.get(2), 1e-12);
    }

    @Test
    void schedulesFollowTheirFormulas() {
        assertEquals(0.25, exponentialDecay(0.5).rate(3, 1.0), 1e-12);
        assertEquals(1.0, cosineDecay(10).rate(1, 1.0), 1e-12);
        assertEquals(0.5, cosineDecay(10).rate(6, 1.0), 1e-12);
        assertEquals(0.0, cosineDecay(10).rate(11, 1.0), 1e-12);
    }

    @Test
    void csvLoggerWritesOneRowPerEpoch() throws IOException {
        Path log = dir.resolve("log.csv");
        var history = small().fit(
                        TestData.noisy(8),
                        epochs(3).validationSplit(0.25).verbose(0).callbacks(csvLogger(log)));
        var lines = Files.readAllLines(log);
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy", lines.get(0));
        assertEquals(4, lines.size());
        assertEquals(history.loss().get(2), Double.parseDouble(lines.get(3).split(",")[1]), 0);
    }

    @Test
    void aUserCallbackSeesEveryEpochAndCanStopTraining() {
        List<Integer> seen = new ArrayList<>();
        Callback stopAtThree = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
                seen.add(epoch);
                if (epoch == 3) {
                    training.stop("enough");
                }
            }
        };
        var history = small().fit(TestData.noisy(9), epochs(10).verbose(0).callbacks(stopAtThree));
        assertEquals(List.of(1, 2, 3), seen);
        assertEquals(3, history.stoppedEpoch());
        assertEquals("enough", history.stopReason());
    }

    @Test
    void historyPlotsLossAndMetricsToAPng() throws IOException {
        var history =
                small().fit(TestData.noisy(10), epochs(4).validationSplit(0.25).verbose(0));
        Path png = dir.resolve("curves.png");
        history.plot(png);
        var image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(400, image.getHeight());
    }
}
