package org.dendrite.layers;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.junit.jupiter.api.Test;

class LayersTest {

    @Test
    void batchNormTakesKerasDefaultsAndCountsItsStatisticsAsNonTrainable() {
        var model = Sequential().input(8).dense(64, RELU, HE).batchNorm().dense(1, SIGMOID).compile(adam, crossEntropy);
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
        var conf = Sequential().input(4).gaussianNoise(0.1).gaussianDropout(0.2).alphaDropout(0.3).dense(1)
                .compile(adam, mse).configuration();
        assertEquals(0.1, ((GaussianNoise) ((DropoutLayer) conf.getConf(0).getLayer()).getIDropout()).getStddev());
        assertEquals(0.2, ((GaussianDropout) ((DropoutLayer) conf.getConf(1).getLayer()).getIDropout()).getRate());
        assertEquals(0.7, ((AlphaDropout) ((DropoutLayer) conf.getConf(2).getLayer()).getIDropout()).getP(), 1e-12,
                "DL4J's AlphaDropout keeps p = 1 - rate");
    }

    @Test
    void dropoutAsADenseOptionDropsThatLayersInputs() {
        var conf = Sequential().input(4).dense(8, RELU, HE, dropout(0.25), l2(1e-4), maxNorm(2)).dense(1).compile(adam, mse).configuration();
        var dense = (DenseLayer) conf.getConf(0).getLayer();
        assertEquals(0.75, ((org.deeplearning4j.nn.conf.dropout.Dropout) dense.getIDropout()).getP(), 1e-12);
        assertEquals(1, dense.getConstraints().size());
    }

    @Test
    void optionsReadLikeTheCall() {
        assertEquals("Sequential[Dense(8, relu, he_normal, l2(1.0E-4), maxNorm(3.0), dropout(0.5)) → BatchNorm() → GaussianNoise(0.1)]",
                Sequential().dense(8, RELU, HE, l2(1e-4), dropout(0.5)).maxNorm(3).batchNorm().gaussianNoise(0.1).toString());
    }
}
