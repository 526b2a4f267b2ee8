package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A functional model saved and loaded: the same graph, names, frozen layers, weights and optimiser state. */
class GraphFileTest {

    @TempDir
    Path dir;

    /** Two inputs through one shared block, merged, with two heads; one layer frozen. */
    private static Model trained() {
        var left = Input(3)
                .named("left")
                .normalize(org.dendrite.datasets.Normalizer.standardize()
                        .fit(Dataset.of(Nd4j.rand(20, 3).mul(10), Nd4j.zeros(20, 1))));
        var right = Input(3).named("right");
        var twin = Sequential().dense(8, RELU).batchNorm();
        var joined =
                concatenate(twin.apply(left), twin.apply(right)).dense(6, TANH).named("joined");
        var same = joined.dense(1, SIGMOID).named("same");
        var sum = joined.dense(1).named("sum");
        Model model = Model(List.of(left, right), List.of(same, sum))
                .seed(7)
                .freeze("joined")
                .lossWeights(1, 0.5)
                .compile(adam(0.01), List.of(crossEntropy, mse), List.of(List.of(accuracy), List.of(mae)));
        INDArray a = Nd4j.rand(40, 3);
        INDArray b = Nd4j.rand(40, 3);
        INDArray y1 = a.sum(1)
                .gt(b.sum(1))
                .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .reshape(40, 1);
        INDArray y2 = a.sum(1).add(b.sum(1)).reshape(40, 1);
        model.fit(Dataset.of(List.of(a, b), List.of(y1, y2)), epochs(3).verbose(0));
        return model;
    }

    @Test
    void aSavedGraphLoadsAsTheSameModelPredictingBitForBitTheSame() throws IOException {
        Model model = trained();
        Path file = dir.resolve("graph.zip");
        model.save(file);
        Model loaded = Model.load(file);

        assertTrue(loaded.isFunctional());
        assertEquals(model.summaryTable(), loaded.summaryTable(), "names, shapes, counts and connections");
        assertEquals(java.util.Set.of("joined"), loaded.functional().frozen());
        assertEquals(
                model.functional().inputs().get(0).normalizer(),
                loaded.functional().inputs().get(0).normalizer(),
                "the left input's scaling");
        assertEquals(model.losses(), loaded.losses());
        assertArrayEquals(new double[] {1, 0.5}, loaded.functional().lossWeights());
        assertEquals(model.outputMetrics(), loaded.outputMetrics());
        assertEquals(model.graph().params(), loaded.graph().params(), "weights");
        assertEquals(
                model.graph().getUpdater().getStateViewArray(),
                loaded.graph().getUpdater().getStateViewArray(),
                "Adam's moments");
        List<INDArray> x = List.of(Nd4j.rand(5, 3), Nd4j.rand(5, 3));
        List<INDArray> expected = model.predict(x);
        List<INDArray> predicted = loaded.predict(x);
        for (int i = 0; i < 2; i++) {
            assertEquals(expected.get(i), predicted.get(i), "output " + i + ", bit for bit");
        }
        String json =
                Files.readString(java.nio.file.FileSystems.newFileSystem(file).getPath(ModelFile.ENTRY));
        assertTrue(json.contains("\"inbound_nodes\" : [ [ [ \"left\", 0 ] ], [ [ \"right\", 0 ] ] ]"), json);
    }

    @Test
    void aDescriptionThatNoLongerMatchesItsWeightsIsRefused() throws IOException {
        Path file = dir.resolve("graph.zip");
        trained().save(file);
        try (var zip = java.nio.file.FileSystems.newFileSystem(file)) {
            Path entry = zip.getPath(ModelFile.ENTRY);
            Files.writeString(entry, Files.readString(entry).replace("\"units\" : 6", "\"units\" : 5"));
        }
        var e = assertThrows(IOException.class, () -> Model.load(file));
        assertTrue(
                e.getMessage().contains("does not match the weights at layer joined (Dense(5, tanh))"), e.getMessage());
    }

    @Test
    void callbacksWorkOnAGraphAndALoadedGraphFreezesAndFineTunes() throws IOException {
        var in = Input(4);
        Model model =
                Model(in, in.dense(8, RELU).named("hidden").dense(1, SIGMOID)).compile(adam(0.05), crossEntropy);
        Path best = dir.resolve("best.zip");
        History history = model.fit(
                TestData.noisy(3),
                epochs(30)
                        .verbose(0)
                        .validationSplit(0.25)
                        .callbacks(
                                earlyStopping("val_loss").patience(3).restoreBestWeights(),
                                checkpoint(best).bestOnly(),
                                learningRateScheduler(epoch -> 0.05 / epoch)));
        assertTrue(history.bestEpoch() > 0 && history.stoppedEpoch() > 0, history.toString());
        Model loaded = Model.load(best);
        loaded.freezeUpTo("hidden");
        INDArray kernel = loaded.getWeights().get(0).dup();
        loaded.fit(List.of(Nd4j.rand(20, 4)), List.of(Nd4j.ones(20, 1)), 2, 5);
        assertEquals(kernel, loaded.getWeights().get(0), "the loaded graph's frozen layer stays as it was");
    }

    @Test
    void aBlockThawedWithUnfreezeStaysThawedInTheFile() throws IOException {
        var in = Input(3);
        var block = Sequential().dense(4, RELU).freeze(0);
        Model model = Model(in, block.apply(in).dense(1, SIGMOID)).compile(adam, crossEntropy);
        assertEquals(16, model.summaryTable().nonTrainableParams(), "the block's 3·4 + 4 weights are frozen");
        model.unfreeze();
        Path file = dir.resolve("thawed.zip");
        model.save(file);
        assertEquals(0, Model.load(file).summaryTable().nonTrainableParams());
    }

    @Test
    void eachOutputsLossLeavesTheRegularisationToTheModelsLoss() {
        var in = Input(2);
        var hidden = in.dense(8, RELU, l2(0.05));
        Model model = Model(
                        List.of(in),
                        List.of(
                                hidden.dense(1, SIGMOID).named("a"),
                                hidden.dense(1).named("b")))
                .lossWeights(0.5, 1)
                .compile(adam, List.of(crossEntropy, mse));
        INDArray x = Nd4j.rand(16, 2);
        var data = Dataset.of(
                List.of(x),
                List.of(
                        x.getColumn(0)
                                .gt(0.5)
                                .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                                .reshape(16, 1),
                        x.sum(1).reshape(16, 1)));
        var evaluation = model.evaluate(data);
        double regularisation = evaluation.loss() - 0.5 * evaluation.metric("a_loss") - evaluation.metric("b_loss");
        assertEquals(
                model.graph().calcRegularizationScore(true),
                regularisation,
                1e-5,
                "loss = Σ weight·loss + the L2 penalty");
        assertTrue(regularisation > 0);
    }
}
