package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.*;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class MomentumTest {

    @Test
    void stepsFollowKerasHeavyBallRule() {
        // v ← m·v - lr·g ; DL4J subtracts the update, so the update is -v.
        var updater = new Momentum(0.1, 0.9).instantiate(Nd4j.zeros(1, 2), true);
        var g = Nd4j.createFromArray(1.0f, 2.0f).reshape(1, 2);

        var first = g.dup();
        updater.applyUpdater(first, 0, 0);
        assertArrayEquals(new float[] {0.1f, 0.2f}, first.toFloatVector(), 1e-7f);

        var second = g.dup();
        updater.applyUpdater(second, 1, 0);
        assertArrayEquals(new float[] {0.19f, 0.38f}, second.toFloatVector(), 1e-6f);
    }

    @Test
    void travelsThroughDl4jsJsonConfiguration() {
        var conf = new NeuralNetConfiguration.Builder()
                .updater(new Momentum(0.05, 0.5))
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY)
                        .nIn(3)
                        .nOut(1)
                        .build())
                .build();
        var back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(new Momentum(0.05, 0.5), ((BaseLayer) back.getConf(0).getLayer()).getIUpdater());
    }
}
