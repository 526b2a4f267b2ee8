package org.dendrite.layers;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.junit.jupiter.api.Test;

class LayersTest {

    @Test
    void batchNormTakesKerasDefaultsAndCountsItsStatisticsAsNonTrainable() {
        var model = Sequential()
                .input(8)
                .dense(64, RELU, HE)
                .batchNorm()
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy);
        var bn = (BatchNormalization) model.configuration().getConf(1).getLayer();
        assertEquals(0.99, bn.getDecay());
        assertEquals(1e-3, bn.getEps());

        var row = model.summaryTable().rows().get(1);
        assertEquals("batch_normalization", row.name());
        assertEquals(256, row.params(), "4 × 64: gamma, beta, moving mean, moving variance");
        assertEquals(128, row.trainable());
        assertEquals(128, model.summaryTable().nonTrainableParams());
    }

    @Test
    void noiseLayersMapOntoDl4jDropoutKinds() {
        var conf = Sequential()
                .input(4)
                .gaussianNoise(0.1)
                .gaussianDropout(0.2)
                .alphaDropout(0.3)
                .dense(1)
                .compile(adam, mse)
                .configuration();
        assertEquals(0.1, ((GaussianNoise) ((DropoutLayer) conf.getConf(0).getLayer()).getIDropout()).getStddev());
        assertEquals(0.2, ((GaussianDropout) ((DropoutLayer) conf.getConf(1).getLayer()).getIDropout()).getRate());
        assertEquals(
                0.7,
                ((AlphaDropout) ((DropoutLayer) conf.getConf(2).getLayer()).getIDropout()).getP(),
                1e-12,
                "DL4J's AlphaDropout keeps p = 1 - rate");
    }

    @Test
    void dropoutAsADenseOptionDropsThatLayersOutputsThroughADropoutLayerAfterIt() {
        var withOption = Sequential()
                .input(4)
                .dense(8, RELU, HE, l2(1e-4), maxNorm(2), dropout(0.25))
                .dense(1);
        assertEquals(
                Sequential()
                        .input(4)
                        .dense(8, RELU, HE, l2(1e-4), maxNorm(2))
                        .dropout(0.25)
                        .dense(1),
                withOption);

        var conf = withOption.compile(adam, mse).configuration();
        var dense = (DenseLayer) conf.getConf(0).getLayer();
        assertNull(dense.getIDropout(), "the dense layer's inputs are not dropped");
        assertEquals(0.75, ((Dropout) ((DropoutLayer) conf.getConf(1).getLayer()).getIDropout()).getP(), 1e-12);
        assertEquals(1, dense.getConstraints().size());
    }

    @Test
    void optionsReadLikeTheCall() {
        assertEquals(
                "Sequential[Dense(8, relu, he_normal, l2(1.0E-4), maxNorm(3.0)) → Dropout(0.5) → BatchNorm() → GaussianNoise(0.1)]",
                Sequential()
                        .dense(8, RELU, HE, l2(1e-4), maxNorm(3), dropout(0.5))
                        .batchNorm()
                        .gaussianNoise(0.1)
                        .toString());
    }

    @Test
    void aLayerRefusesOptionsItDoesNotTakeAndOptionsGivenTwice() {
        assertEquals(
                "layer 1: MaxPooling2D does not take l2(1.0E-4) (a kernel regularizer); it takes strides(...), SAME or VALID",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Sequential().conv2d(4, 3).maxPool(2, l2(1e-4)))
                        .getMessage());
        assertEquals(
                "layer 0: Dense takes one activation, received relu and sigmoid",
                assertThrows(IllegalArgumentException.class, () -> Sequential().dense(4, RELU, SIGMOID))
                        .getMessage());
        assertEquals(
                "layer 0: Dense does not take strides(2) (strides(...)); it takes an activation, an initializer, useBias(...), "
                        + "a kernel regularizer, a bias regularizer, a constraint",
                assertThrows(IllegalArgumentException.class, () -> Sequential().dense(4, strides(2)))
                        .getMessage());
        assertEquals(
                "layer 0: Dense received a null option (option 2 of 2)",
                assertThrows(IllegalArgumentException.class, () -> Sequential().dense(4, RELU, null))
                        .getMessage());
    }

    @Test
    void eachKerasLayerIsATypeOfItsOwn() {
        var layers = Sequential()
                .input(6, 3)
                .lstm(4, true)
                .simpleRnn(2)
                .gaussianNoise(0.1)
                .gaussianDropout(0.1)
                .alphaDropout(0.1)
                .dense(1)
                .layers();
        assertEquals(
                List.of(
                        LSTM.class,
                        SimpleRNN.class,
                        org.dendrite.layers.GaussianNoise.class,
                        org.dendrite.layers.GaussianDropout.class,
                        org.dendrite.layers.AlphaDropout.class,
                        Dense.class),
                layers.stream().map(Object::getClass).toList());
        assertEquals(
                List.of("LSTM", "SimpleRNN", "GaussianNoise", "GaussianDropout", "AlphaDropout", "Dense"),
                layers.stream().map(Layer::kind).toList());
        assertEquals(
                "GaussianDropout expects a rate in [0, 1) (the fraction dropped), received rate=1.5",
                assertThrows(IllegalArgumentException.class, () -> new org.dendrite.layers.GaussianDropout(1.5))
                        .getMessage());
    }

    @Test
    void aModelMayStartWithDropoutOrFlattenAsKerasModelsDo() {
        // DL4J 1.0.0-M2.1 refused these at inference ("array is defined in incorrect workspace").
        var dropoutFirst = Sequential().input(4).dropout(0.2).dense(1).compile(adam, mse);
        assertArrayEquals(
                new long[] {3, 1},
                dropoutFirst.predict(org.nd4j.linalg.factory.Nd4j.rand(3, 4)).shape());
        var flattenFirst = Sequential().input(2, 2, 3).flatten().dense(1).compile(adam, mse);
        assertArrayEquals(
                new long[] {3, 1},
                flattenFirst
                        .predict(org.nd4j.linalg.factory.Nd4j.rand(3, 2, 2, 3))
                        .shape());
    }
}
