package org.dendrite.layers;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.dendrite.Model;
import org.dendrite.Node;
import org.dendrite.Summary;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code masking(value)} before an LSTM or SimpleRNN: padded sequences predict and train as the same
 * sequences without their padding would; the model saves and loads; a Masking layer whose mask no
 * layer after it would read as Keras's do is refused before training.
 */
class MaskingTest {

    @TempDir
    Path dir;

    private static final float PAD = -1;

    /** Three sequences of 3 steps of 2 features, and their labels. */
    private static float[][][] sequences(Random random, int n) {
        float[][][] x = new float[n][3][2];
        for (float[][] sequence : x) {
            for (float[] step : sequence) {
                step[0] = (float) random.nextGaussian();
                step[1] = (float) random.nextGaussian();
            }
        }
        return x;
    }

    /**
     * Each sequence padded to 5 steps with steps of {@link #PAD}: two before, two after, or one
     * before, between its steps and after, by row.
     */
    private static float[][][] padded(float[][][] x) {
        float[][][] out = new float[x.length][5][];
        float[] pad = {PAD, PAD};
        for (int i = 0; i < x.length; i++) {
            float[][] s = x[i];
            out[i] = switch (i % 4) {
                case 0 -> new float[][] {pad, pad, s[0], s[1], s[2]};
                case 1 -> new float[][] {s[0], s[1], s[2], pad, pad};
                case 2 -> new float[][] {pad, s[0], pad, s[1], s[2]};
                default -> new float[][] {s[0], pad, s[1], s[2], pad};
            };
        }
        return out;
    }

    private static Model masked(boolean lstm) {
        var layers = Sequential().input(5, 2).masking(PAD);
        return (lstm ? layers.lstm(4) : layers.simpleRnn(4)).dense(1).compile(sgd(0.1), mse);
    }

    private static Model trimmed(boolean lstm) {
        var layers = Sequential().input(3, 2);
        return (lstm ? layers.lstm(4) : layers.simpleRnn(4)).dense(1).compile(sgd(0.1), mse);
    }

    @Test
    void maskingHasKerassShapeAndNoParameters() {
        Summary summary = masked(true).summaryTable();
        assertEquals(
                List.of("Masking", "LSTM", "Dense"),
                summary.rows().stream().map(Summary.Row::type).toList());
        assertEquals(
                List.of(0L, 4 * (4 * (2 + 4) + 4L), 5L),
                summary.rows().stream().map(Summary.Row::params).toList());
        assertEquals("(None, 5, 2)", summary.rows().get(0).outputShape());
    }

    @Test
    void paddedSequencesPredictAsTheSequencesWithoutTheirPadding() {
        for (boolean lstm : new boolean[] {true, false}) {
            float[][][] x = sequences(new Random(1), 8);
            Model masked = masked(lstm);
            Model trimmed = trimmed(lstm);
            trimmed.setWeights(masked.getWeights().toArray(INDArray[]::new));
            INDArray expected = trimmed.predict(Nd4j.create(x));
            INDArray found = masked.predict(Nd4j.create(padded(x)));
            assertTrue(expected.sub(found).amaxNumber().doubleValue() < 1e-6, expected + " vs " + found);
            assertTrue(expected.amaxNumber().doubleValue() > 1e-2, "outputs that are not all zero");
        }
    }

    @Test
    void paddedSequencesTrainAsTheSequencesWithoutTheirPadding() {
        Random random = new Random(2);
        float[][][] x = sequences(random, 64);
        float[][] y = new float[64][1];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = x[i][0][0] - x[i][2][1];
        }
        Model masked = masked(true);
        Model trimmed = trimmed(true);
        trimmed.setWeights(masked.getWeights().toArray(INDArray[]::new));
        var maskedHistory = masked.fit(
                Dataset.of(Nd4j.create(padded(x)), Nd4j.create(y)),
                epochs(3).batch(16).verbose(0));
        var trimmedHistory = trimmed.fit(
                Dataset.of(Nd4j.create(x), Nd4j.create(y)), epochs(3).batch(16).verbose(0));
        List<Double> losses = maskedHistory.metric("loss");
        assertTrue(losses.get(2) < losses.get(0), "the loss goes down: " + losses);
        for (int e = 0; e < 3; e++) {
            assertEquals(trimmedHistory.metric("loss").get(e), losses.get(e), 1e-5, "epoch " + e);
        }
        List<INDArray> want = trimmed.getWeights();
        List<INDArray> got = masked.getWeights();
        for (int i = 0; i < want.size(); i++) {
            assertTrue(want.get(i).sub(got.get(i)).amaxNumber().doubleValue() < 1e-5, "weight " + i);
        }
    }

    @Test
    void aMaskedModelSavesAndLoadsSequentialOrFunctional() throws IOException {
        INDArray x = Nd4j.create(padded(sequences(new Random(3), 4)));
        Node input = Input(5, 2);
        Model functional = Model(
                        input, input.masking(PAD).simpleRnn(3, true).flatten().dense(2))
                .compile(adam, mse);
        for (Model model : List.of(masked(true), functional)) {
            Path file = dir.resolve(model.isFunctional() + ".zip");
            model.save(file);
            Model back = Model.load(file);
            assertEquals(model.predict(x), back.predict(x));
            assertEquals(model.summaryTable(), back.summaryTable());
        }
    }

    @Test
    void aMaskingLayerMustComeRightBeforeTheRecurrentLayerThatReadsItsMask() {
        var notRecurrent = assertThrows(
                IllegalArgumentException.class,
                () -> Sequential().input(5, 2).masking().flatten().dense(1).compile(adam, mse));
        assertEquals(
                "layer 0 (Masking(0.0)) feeds layer 1, Flatten(): a Masking layer must come right before an LSTM or"
                        + " SimpleRNN, the layers that read its mask",
                notRecurrent.getMessage());
        var stacked = assertThrows(IllegalArgumentException.class, () -> Sequential()
                .input(5, 2)
                .masking()
                .lstm(4, true)
                .lstm(2)
                .dense(1)
                .compile(adam, mse));
        assertEquals(
                "layer 2 (LSTM(2)) reads the sequences of layer 1 (LSTM(4, return sequences)), which Keras would"
                        + " mask with the mask of layer 0 (Masking(0.0)); Dendrite passes a mask to the recurrent"
                        + " layer right after a Masking layer only",
                stacked.getMessage());
        Node input = Input(5, 2);
        Node mask = input.masking();
        var graph = assertThrows(IllegalArgumentException.class, () -> Model(
                        input, add(mask.lstm(3), mask.flatten().dense(3)).dense(1))
                .compile(adam, mse));
        assertTrue(
                graph.getMessage().contains("feeds flatten, Flatten(): a Masking layer must come right"),
                graph.getMessage());
        var image = assertThrows(
                IllegalArgumentException.class,
                () -> Sequential().input(4, 4, 1).masking().lstm(2).dense(1).compile(adam, mse));
        assertTrue(
                image.getMessage().contains("Masking expects sequences (timesteps, features), received an image"),
                image.getMessage());
    }
}
