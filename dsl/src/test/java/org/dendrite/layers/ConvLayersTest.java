package org.dendrite.layers;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.dendrite.Summary;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L2Regularization;

class ConvLayersTest {

    @Test
    void kerasMnistCnnHasKerasShapesAndParameterCounts() {
        var summary = Sequential()
                .input(28, 28, 1)
                .conv2d(32, 3, RELU)
                .conv2d(64, 3, RELU)
                .maxPool(2)
                .dropout(0.25)
                .flatten()
                .dense(128, RELU)
                .dropout(0.5)
                .dense(10, SOFTMAX)
                .compile(adadelta, crossEntropy, accuracy)
                .summaryTable();

        assertEquals(
                List.of("conv2d", "conv2d_1", "max_pooling2d", "dropout", "flatten", "dense", "dropout_1", "dense_1"),
                summary.rows().stream().map(Summary.Row::name).toList());
        assertEquals(
                List.of(
                        "(None, 26, 26, 32)",
                        "(None, 24, 24, 64)",
                        "(None, 12, 12, 64)",
                        "(None, 12, 12, 64)",
                        "(None, 9216)",
                        "(None, 128)",
                        "(None, 128)",
                        "(None, 10)"),
                summary.rows().stream().map(Summary.Row::outputShape).toList());
        assertEquals(
                List.of(320L, 18496L, 0L, 0L, 0L, 1179776L, 0L, 1290L),
                summary.rows().stream().map(Summary.Row::params).toList());
        assertEquals(1_199_882, summary.totalParams());
    }

    @Test
    void samePaddingKeepsTheImageSizeAndPoolingHalvesIt() {
        var rows = Sequential()
                .input(8, 8, 3)
                .conv2d(4, 3, RELU, strides(1), SAME)
                .avgPool(2)
                .zeroPadding(1)
                .upSampling(2)
                .globalMaxPool()
                .dense(2, SOFTMAX)
                .compile(adam, crossEntropy)
                .summaryTable()
                .rows();
        assertEquals(
                List.of(
                        "(None, 8, 8, 4)",
                        "(None, 4, 4, 4)",
                        "(None, 6, 6, 4)",
                        "(None, 12, 12, 4)",
                        "(None, 4)",
                        "(None, 2)"),
                rows.stream().map(Summary.Row::outputShape).toList());
        assertEquals(3 * 3 * 3 * 4 + 4, rows.get(0).params());
    }

    @Test
    void conv2dTakesKerasArgumentsAsOptions() {
        var model = Sequential()
                .input(9, 12, 2)
                .conv2d(5, 3, 2, strides(2, 3), SAME, HE, l2(1e-3), useBias(false))
                .maxPool(2, strides(1), SAME)
                .conv2d(4, 1)
                .flatten()
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy);
        var first = (Conv2D) model.architecture().layers().get(0);
        assertEquals(LINEAR, ((Conv2D) model.architecture().layers().get(2)).activation(), "Keras's default: linear");
        assertEquals("Conv2D(5, 3×2, strides(2, 3), same, he_normal, no bias, l2(0.001))", first.toString());

        var rows = model.summaryTable().rows();
        assertEquals(
                List.of("(None, 5, 4, 5)", "(None, 5, 4, 5)", "(None, 5, 4, 4)"),
                rows.subList(0, 3).stream().map(Summary.Row::outputShape).toList(),
                "ceil(9/2) × ceil(12/3); SAME pooling at stride 1");
        assertEquals(3 * 2 * 2 * 5, rows.get(0).params(), "no bias");
        var dl4j = (ConvolutionLayer) model.configuration().getConf(0).getLayer();
        assertArrayEquals(new int[] {3, 2}, dl4j.getKernelSize());
        assertArrayEquals(new int[] {2, 3}, dl4j.getStride());
        assertEquals(
                2e-3,
                ((L2Regularization) dl4j.getRegularization().get(0)).getL2().valueAt(0, 0),
                1e-12,
                "DL4J's l2 is twice Keras's");
    }

    @Test
    void weightsUseKerasKernelLayout() {
        var model = Sequential()
                .input(5, 5, 2)
                .conv2d(3, 3, RELU)
                .flatten()
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy);
        var weights = model.getWeights();
        assertArrayEquals(new long[] {3, 3, 2, 3}, weights.get(0).shape(), "(kh, kw, in, out)");
        var dl4j = model.network().getLayer(0).getParam("W"); // [out, in, kh, kw]
        assertEquals(dl4j.getDouble(2, 1, 0, 2), weights.get(0).getDouble(0, 2, 1, 2), 0);

        var changed = weights.get(0).add(1);
        weights.set(0, changed);
        model.setWeights(weights.toArray(new INDArray[0]));
        assertEquals(changed, model.getWeights().get(0));
    }

    /**
     * 8×8 single-channel images: one full row of ones (label 0, a horizontal bar) or one full column (label 1,
     * vertical) at a random position on zeros, labels alternating, plus Gaussian noise (σ 0.1) on every pixel.
     */
    private static Dataset bars(int n, long seed) {
        var random = new Random(seed);
        var x = Nd4j.zeros(n, 8, 8, 1); // Keras's (examples, height, width, channels)
        var y = Nd4j.zeros(n, 1);
        for (int i = 0; i < n; i++) {
            int kind = i % 2;
            int at = random.nextInt(8);
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    boolean on = kind == 0 ? r == at : c == at;
                    x.putScalar(new long[] {i, r, c, 0}, (on ? 1.0 : 0.0) + random.nextGaussian() * 0.1);
                }
            }
            y.putScalar(i, 0, kind);
        }
        return Dataset.of(x, y);
    }

    @Test
    void aSmallConvNetLearnsToTellBarsApart() {
        var model = Sequential()
                .conv2d(8, 3, RELU)
                .maxPool(2)
                .flatten()
                .dense(1, SIGMOID)
                .compile(adam(0.01), crossEntropy, accuracy);
        model.fit(bars(200, 1), epochs(15).batch(20).verbose(0));
        assertTrue(model.evaluate(bars(100, 2)).accuracy() > 0.9);
    }

    @Test
    void imagesAreDescribedHeightWidthChannelsEverywhere() {
        var model = Sequential()
                .input(5, 4, 2)
                .conv2d(3, 2, RELU)
                .flatten()
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy);
        assertArrayEquals(new long[] {5, 4, 2}, model.inputShape(), "Keras's (height, width, channels), as declared");

        var images = Dataset.of(Nd4j.rand(6, 40), Nd4j.zeros(6, 1)).asImages(5, 4, 2);
        assertArrayEquals(new long[] {5, 4, 2}, images.featureShape());
        assertTrue(images.toString().startsWith("Dataset[6 × 5×4×2 → 1"), images.toString());
        model.fit(images, epochs(1).verbose(0));

        var transposed = Dataset.of(Nd4j.rand(6, 40), Nd4j.zeros(6, 1)).asImages(4, 5, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> model.predict(transposed.features()));
        assertEquals(
                "the data has examples of shape [4, 5, 2] (40 features) but the model expects [5, 4, 2] (declared with input(...))",
                e.getMessage());
    }

    @Test
    void flatImagesForAConvModelPointToAsImages() {
        var model =
                Sequential().input(8, 8, 1).conv2d(2, 3, RELU).dense(1, SIGMOID).compile(adam, crossEntropy);
        var flat = Dataset.of(Nd4j.rand(4, 64), Nd4j.zeros(4, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> model.fit(flat, 1));
        assertTrue(
                e.getMessage()
                        .endsWith("flat rows of pixels become images with dataset.asImages(height, width, channels)"),
                e.getMessage());
    }
}
