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

    @Test
    void frozenLayersKeepTheirWeightsBitForBitWhileTheHeadLearnsAndTheFileKeepsThemFrozen() throws IOException {
        var data = halves(64, 1);
        var model = Sequential()
                .input(6, 6, 1)
                .conv2d(4, 3, RELU)
                .flatten()
                .dense(8, RELU)
                .dense(1, SIGMOID)
                .compile(adam(0.01), crossEntropy, accuracy);
        model.fit(data, epochs(2).verbose(0));

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
}
