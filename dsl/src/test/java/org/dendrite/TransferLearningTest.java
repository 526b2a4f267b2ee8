package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras's layer.trainable = False: frozen weights stay bit for bit, the head learns, a saved model stays frozen. */
class TransferLearningTest {

    @TempDir
    Path dir;

    /** 6×6 single-channel images: a bright top half (label 1) or noise alone (label 0). */
    private static Dataset halves(int n, long seed) {
        var random = new Random(seed);
        var x = Nd4j.zeros(n, 6, 6, 1);
        var y = Nd4j.zeros(n, 1);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 6; r++) {
                for (int c = 0; c < 6; c++) {
                    x.putScalar(new long[] {i, r, c, 0}, random.nextGaussian() * 0.3 + (i % 2 == 1 && r < 3 ? 1 : 0));
                }
            }
            y.putScalar(i, 0, i % 2);
        }
        return Dataset.of(x, y);
    }

    /** A small CNN (conv 4 → flatten → dense 8 → sigmoid) trained 2 epochs on {@code data}. */
    private static Model trainedCnn(Dataset data) {
        var model = Sequential()
                .input(6, 6, 1)
                .conv2d(4, 3, RELU)
                .flatten()
                .dense(8, RELU)
                .dense(1, SIGMOID)
                .compile(adam(0.01), crossEntropy, accuracy);
        model.fit(data, epochs(2).verbose(0));
        return model;
    }

    @Test
    void frozenLayersKeepTheirWeightsBitForBitWhileTheHeadLearnsAndTheFileKeepsThemFrozen() throws IOException {
        var data = halves(64, 1);
        var model = trainedCnn(data);

        model.freezeUpTo("flatten");
        assertEquals(java.util.Set.of(0, 1), model.architecture().frozen());
        List<INDArray> before = model.getWeights().stream().map(INDArray::dup).toList();
        model.fit(data, epochs(3).verbose(0));
        List<INDArray> after = model.getWeights();
        assertEquals(before.get(0), after.get(0), "conv kernel, frozen");
        assertEquals(before.get(1), after.get(1), "conv bias, frozen");
        assertNotEquals(before.get(2), after.get(2), "the dense head learns");

        var summary = model.summaryTable();
        assertEquals(3 * 3 * 4 + 4, summary.nonTrainableParams(), "the conv layer's 40 weights count as non-trainable");
        assertEquals(summary.totalParams() - 40, summary.trainableParams());

        model.save(dir.resolve("frozen.zip"));
        var loaded = Model.load(dir.resolve("frozen.zip"));
        assertEquals(java.util.Set.of(0, 1), loaded.architecture().frozen());
        assertEquals(40, loaded.summaryTable().nonTrainableParams());
        loaded.fit(data, epochs(1).verbose(0));
        assertEquals(after.get(0), loaded.getWeights().get(0), "still frozen after a reload");

        model.unfreeze();
        model.fit(data, epochs(1).verbose(0));
        assertNotEquals(after.get(0), model.getWeights().get(0), "unfrozen, the conv layer learns again");
    }

    @Test
    void freezingWhatDoesNotExistIsRefused() {
        var model = Sequential().input(4).dense(3).dense(1).compile(adam, mse);
        assertEquals(
                "freeze: the model has layers 0..1, received layer index 2",
                assertThrows(IllegalArgumentException.class, () -> model.freezeUpTo(2))
                        .getMessage());
        assertEquals(
                "freezeUpTo: no layer is named \"flatten\"; the layers are [dense, dense_1]",
                assertThrows(IllegalArgumentException.class, () -> model.freezeUpTo("flatten"))
                        .getMessage());
    }

    @Test
    void aTrainedModelUpToALayerBecomesTheFrozenFeatureExtractorOfANewHead() {
        var data = halves(64, 1);
        var base = trainedCnn(data);
        INDArray trainedKernel = base.getWeights().get(0).dup();
        base.freezeUpTo("flatten");

        var image = Input(6, 6, 1);
        var features =
                base.apply(image, "flatten"); // Keras: Model(base.input, base.get_layer("flatten").output)(image)
        Model tuned =
                Model(image, features.dense(4, RELU).dense(1, SIGMOID)).compile(adam(0.01), crossEntropy, accuracy);
        // The block: conv 3·3·4 + 4 = 40 (frozen), flatten none; the new head 4·4·4·4 + 4 = 260 and 4 + 1 = 5.
        assertEquals(40, tuned.summaryTable().nonTrainableParams(), "the extractor's weights are non-trainable");
        assertEquals(305, tuned.summaryTable().totalParams());
        assertEquals(trainedKernel, tuned.getWeights().get(0), "the extractor starts from the trained weights");

        List<INDArray> before = tuned.getWeights().stream().map(INDArray::dup).toList();
        var history = tuned.fit(data, epochs(5).verbose(0));
        List<INDArray> after = tuned.getWeights();
        assertEquals(before.get(0), after.get(0), "conv kernel, frozen: bit for bit");
        assertEquals(before.get(1), after.get(1), "conv bias, frozen");
        assertNotEquals(before.get(2), after.get(2), "the new head learns");
        assertTrue(history.metric("accuracy").get(4) > 0.9, "head accuracy " + history.metric("accuracy"));
        assertEquals(trainedKernel, base.getWeights().get(0), "the base model itself is untouched");
    }

    @Test
    void freezingUpToALayerOfAGraphFreezesEverythingItIsComputedFrom() {
        var data = halves(64, 2);
        var image = Input(6, 6, 1);
        var a = image.conv2d(4, 3, RELU).named("left");
        var b = image.conv2d(4, 3, RELU).named("right");
        var merged = concatenate(a, b).flatten().dense(8, RELU).named("features");
        Model model = Model(image, merged.dense(1, SIGMOID)).compile(adam(0.01), crossEntropy);
        model.fit(data, epochs(2).verbose(0));

        model.freezeUpTo("features");
        assertEquals(
                java.util.Set.of("features", "flatten", "left", "right"),
                model.functional().frozen());
        // left and right 3·3·4 + 4 = 40 each; features 4·4·8·8 + 8 = 1,032: all frozen; the head's 9 train.
        assertEquals(1_112, model.summaryTable().nonTrainableParams());
        List<INDArray> before = model.getWeights().stream().map(INDArray::dup).toList();
        model.fit(data, epochs(2).verbose(0));
        List<INDArray> after = model.getWeights();
        for (int i = 0; i < 6; i++) {
            assertEquals(before.get(i), after.get(i), "frozen weight " + i);
        }
        assertNotEquals(before.get(6), after.get(6), "the output layer learns");

        model.unfreeze();
        assertEquals(0, model.summaryTable().nonTrainableParams());
        model.freezeUpTo("concatenate"); // a merge row: everything it takes
        assertEquals(java.util.Set.of("left", "right"), model.functional().frozen());
        model.unfreeze();
        var e = assertThrows(IllegalArgumentException.class, () -> model.freezeUpTo("nothing"));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "freezeUpTo: no layer is named \"nothing\"; the layers are [input_layer, left, right"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.freezeUpTo(9));
        assertEquals("freezeUpTo: the summary lists rows 0..6, received 9", e.getMessage());
    }
}
