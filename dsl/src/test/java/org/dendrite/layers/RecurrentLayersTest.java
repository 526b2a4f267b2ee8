package org.dendrite.layers;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.dendrite.Model;
import org.dendrite.Node;
import org.dendrite.Summary;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Sequence layers take Keras-shaped data (batch, timesteps, features), count parameters like Keras and learn order-dependent tasks. */
class RecurrentLayersTest {

    private static List<String> shapes(Summary summary) {
        return summary.rows().stream().map(Summary.Row::outputShape).toList();
    }

    @Test
    void lstmAndSimpleRnnHaveKerasShapesAndParameterCounts() {
        Summary lstm = Sequential()
                .input(20, 3)
                .lstm(32)
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy)
                .summaryTable();
        assertEquals(
                List.of(4 * (32 * (3 + 32) + 32L), 33L),
                lstm.rows().stream().map(Summary.Row::params).toList());
        assertEquals(List.of("(None, 32)", "(None, 1)"), shapes(lstm));

        Summary stacked = Sequential()
                .input(10, 2)
                .simpleRnn(8, true)
                .simpleRnn(4)
                .dense(1)
                .compile(adam, mse)
                .summaryTable();
        assertEquals(
                List.of(8 * (2 + 8) + 8L, 4 * (8 + 4) + 4L, 5L),
                stacked.rows().stream().map(Summary.Row::params).toList());
        assertEquals(List.of("(None, 10, 8)", "(None, 4)", "(None, 1)"), shapes(stacked));
    }

    @Test
    void embeddingMapsTokensToVectors() {
        Summary summary = Sequential()
                .input(12)
                .embedding(100, 8)
                .lstm(4)
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy)
                .summaryTable();
        assertEquals(800, summary.rows().get(0).params(), "vocabulary × dimensions, no bias");
        assertEquals("(None, 12, 8)", summary.rows().get(0).outputShape());
    }

    @Test
    void anLstmRemembersTheFirstStepOfASequence() {
        // Label: whether the first of 8 steps was positive; the later steps are noise.
        Random random = new Random(3);
        int n = 512;
        float[][][] x = new float[n][8][1];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < 8; t++) {
                x[i][t][0] = (float) random.nextGaussian();
            }
            y[i][0] = x[i][0][0] > 0 ? 1 : 0;
        }
        Dataset data = Dataset.of(Nd4j.create(x), Nd4j.create(y));
        assertArrayEquals(new long[] {8, 1}, data.featureShape(), "Keras's (timesteps, features)");
        var model = Sequential().lstm(16).dense(1, SIGMOID).compile(adam(0.01), crossEntropy, accuracy);
        var history = model.fit(data, epochs(15).verbose(0));
        double accuracy = history.metric("accuracy").get(14);
        assertTrue(accuracy > 0.9, "accuracy " + accuracy + ", " + history);
        assertArrayEquals(new long[] {n, 1}, model.predict(data.features()).shape());
    }

    @Test
    void anEmbeddingAndSimpleRnnSpotAToken() {
        // Label: whether token 7 occurs among 6 tokens drawn from 0..9.
        Random random = new Random(5);
        int n = 600;
        float[][] x = new float[n][6];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < 6; t++) {
                x[i][t] = random.nextInt(10);
                y[i][0] = x[i][t] == 7 ? 1 : y[i][0];
            }
        }
        var model = Sequential()
                .embedding(10, 8)
                .simpleRnn(16)
                .dense(1, SIGMOID)
                .compile(adam(0.01), crossEntropy, accuracy);
        var history =
                model.fit(Dataset.of(Nd4j.create(x), Nd4j.create(y)), epochs(20).verbose(0));
        double accuracy = history.metric("accuracy").get(19);
        assertTrue(accuracy > 0.9, "accuracy " + accuracy + ", " + history);
    }

    @Test
    void tokensOutsideTheVocabularyAreFoundInTheDataBeforeTraining() {
        var model = Sequential().embedding(10, 4).lstm(3).dense(1, SIGMOID).compile(adam, crossEntropy);
        var tooLarge =
                Dataset.of(Nd4j.create(new float[][] {{1, 2, 3}, {4, 10, 5}}), Nd4j.create(new float[][] {{0}, {1}}));
        assertEquals(
                "token 10.0 at row 1, column 1 is not an index 0..9 of layer 0 (Embedding(10, 4))",
                assertThrows(IllegalArgumentException.class, () -> model.fit(tooLarge, 1))
                        .getMessage());
        var fractional = Dataset.of(Nd4j.create(new float[][] {{1, 2.5f, 3}}), Nd4j.create(new float[][] {{0}}));
        assertEquals(
                "token 2.5 at row 0, column 1 is not an index 0..9 of layer 0 (Embedding(10, 4))",
                assertThrows(IllegalArgumentException.class, () -> model.predict(fractional.features()))
                        .getMessage());
    }

    @Test
    void flattenJoinsASequencesStepsIntoOneRowPerExampleStepAfterStepAsKerasDoes() throws Exception {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 5, 2);
        var model = Sequential().input(5, 2).lstm(4, true).flatten().dense(3).compile(adam(0.01), mse);
        assertEquals(List.of("(None, 5, 4)", "(None, 20)", "(None, 3)"), shapes(model.summaryTable()));

        List<INDArray> activations = model.network().feedForward(x, false);
        INDArray steps = activations.get(1);
        INDArray flat = activations.get(2);
        assertArrayEquals(new long[] {4, 5, 4}, steps.shape(), "the LSTM's (batch, timesteps, units)");
        assertEquals(steps.getFloat(2, 3, 1), flat.getFloat(2, 3 * 4 + 1), "step 3's unit 1 at column 3·4 + 1");
        assertEquals(steps.dup('c').reshape(4, 20), flat);
        INDArray kernel = model.getWeights().get(3);
        INDArray bias = model.getWeights().get(4);
        INDArray prediction = model.predict(x);
        assertArrayEquals(new long[] {4, 3}, prediction.shape(), "one row per example, not per step");
        assertTrue(prediction.equalsWithEps(flat.mmul(kernel).addRowVector(bias), 1e-6), prediction.toString());

        INDArray y = Nd4j.rand(DataType.FLOAT, 4, 3);
        var history = model.fit(Dataset.of(x, y), epochs(20).batch(4).verbose(0));
        assertTrue(history.loss().get(19) < history.loss().get(0), history.toString());
        Path file = Files.createTempDirectory("flatten").resolve("model.zip");
        model.save(file);
        assertEquals(model.predict(x), Model.load(file).predict(x), "saved and loaded with its flattening");

        Node input = Input(5, 2);
        var graph = Model(input, input.lstm(4, true).flatten().dense(3)).compile(adam(0.01), mse);
        graph.setWeights(model.getWeights().toArray(INDArray[]::new));
        assertTrue(graph.predict(x).equalsWithEps(model.predict(x), 1e-6), "the same layers as a graph");
    }
}
