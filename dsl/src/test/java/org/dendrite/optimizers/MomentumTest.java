package org.dendrite.optimizers;

import static org.junit.jupiter.api.Assertions.*;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

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
        var conf = org.dendrite.Dendrite.Sequential().input(3).dense(1).compile(org.dendrite.Dendrite.sgd(0.05, 0.5),
                org.dendrite.Dendrite.mse).configuration();
        var back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(new Momentum(0.05, 0.5),
                ((org.deeplearning4j.nn.conf.layers.BaseLayer) back.getConf(0).getLayer()).getIUpdater());
    }
}
