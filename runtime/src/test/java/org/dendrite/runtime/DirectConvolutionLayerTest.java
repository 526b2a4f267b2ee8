package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.*;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The convolution layer without its second forward pass computes DL4J's gradients and trains as DL4J's does. */
class DirectConvolutionLayerTest {

    /**
     * Keras's mnist_cnn in small: two 3×3 convolutions ({@code between} them, if given), max pooling,
     * a softmax head.
     */
    private static MultiLayerNetwork network(Activation activation, Layer... between) {
        var layers = new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(DataType.FLOAT)
                .updater(new Adam(0.01))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(4)
                        .activation(activation)
                        .build());
        for (Layer layer : between) {
            layers.layer(layer);
        }
        var network = new MultiLayerNetwork(layers.layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(6)
                        .activation(activation)
                        .build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(10, 10, 1))
                .build());
        network.init();
        return network;
    }

    /** Eight 10×10 images in three classes. */
    private static DataSet batch() {
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 1, 10, 10);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 3);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, y);
    }

    /** One step's gradient, drawn with the same random numbers (noise) on every network. */
    private static INDArray gradient(MultiLayerNetwork network, DataSet batch) {
        Nd4j.getRandom().setSeed(42);
        network.setInput(batch.getFeatures());
        network.setLabels(batch.getLabels());
        network.computeGradientAndScore();
        return network.gradient().gradient();
    }

    @ParameterizedTest
    @EnumSource(
            value = Activation.class,
            names = {"RELU", "IDENTITY"})
    void gradientsAndTrainingEqualDl4jsConvolution(Activation activation) {
        MultiLayerNetwork dl4j = network(activation);
        MultiLayerNetwork direct = network(activation);
        DirectLayers.install(direct);
        assertInstanceOf(DirectConvolutionLayer.class, direct.getLayer(0));
        assertInstanceOf(DirectConvolutionLayer.class, direct.getLayer(1));
        DataSet batch = batch();
        assertClose(gradient(dl4j, batch), gradient(direct, batch), "gradients of one step");
        double first = direct.score(batch);
        for (int step = 0; step < 10; step++) {
            dl4j.fit(batch);
            direct.fit(batch);
        }
        assertClose(dl4j.params(), direct.params(), "weights after 10 Adam steps");
        assertTrue(direct.score(batch) < first - 0.05, "loss " + first + " → " + direct.score(batch));
    }

    /** As Keras's GaussianNoise or AlphaDropout after a Conv2D builds it: a DL4J dropout layer. */
    @Test
    void aNoiseLayerAfterTheConvolutionDoesNotWriteOverTheOutputItsBackwardPassReads() {
        DataSet batch = batch();
        for (IDropout noise : new IDropout[] {new GaussianNoise(0.5), new AlphaDropout(0.7)}) {
            MultiLayerNetwork dl4j = network(Activation.RELU, noisy(noise));
            MultiLayerNetwork direct = network(Activation.RELU, noisy(noise));
            DirectLayers.install(direct);
            assertInstanceOf(DirectConvolutionLayer.class, direct.getLayer(0));
            assertClose(gradient(dl4j, batch), gradient(direct, batch), noise + ": gradients");
        }
    }

    private static Layer noisy(IDropout noise) {
        return new DropoutLayer.Builder().dropOut(noise).build();
    }

    /** Within 1e-5 of each value's size, and of 1e-5 near zero. */
    private static void assertClose(INDArray expected, INDArray actual, String what) {
        float[] e = expected.dup('c').data().asFloat();
        float[] a = actual.dup('c').data().asFloat();
        assertEquals(e.length, a.length, what + ": length");
        for (int i = 0; i < e.length; i++) {
            if (Math.abs(e[i] - a[i]) > 1e-5 * Math.max(1, Math.abs(e[i]))) {
                fail(what + ": element " + i + " is " + a[i] + ", DL4J's " + e[i]);
            }
        }
    }
}
