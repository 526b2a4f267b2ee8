package org.dendrite.optimizers;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.dendrite.Model;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** With plain SGD at learning rate 1 the applied step IS the (clipped) gradient, so its size can be read off the weights. */
class GradientClipTest {

    /** Targets of a million: mean squared error gradients in the millions, a problem built to explode. */
    private static final Dataset EXPLODING = Dataset.of(
            Nd4j.createFromArray(new float[][] {{3, -2}, {1, 5}, {-4, 2}, {2, 2}}),
            Nd4j.createFromArray(new float[][] {{1e6f}, {-1e6f}, {5e5f}, {2e6f}}));

    private static INDArray[] step(Model model) {
        var before = model.getWeights().stream().map(INDArray::dup).toList();
        model.fit(EXPLODING, epochs(1).batch(4).shuffle(false).verbose(0));
        var after = model.getWeights();
        return new INDArray[] {after.get(0).sub(before.get(0)), after.get(1).sub(before.get(1))};
    }

    @Test
    void clipNormBoundsEachGradientTensorsNorm() {
        var model = Sequential().input(2).dense(1).compile(sgd(1.0).clipNorm(0.5), mse);
        var applied = step(model);
        assertEquals(0.5, applied[0].norm2Number().doubleValue(), 1e-4, "kernel step clipped to norm 0.5");
        assertEquals(0.5, applied[1].norm2Number().doubleValue(), 1e-4, "bias step clipped to norm 0.5");
    }

    @Test
    void clipValueBoundsEveryGradientValue() {
        var model = Sequential().input(2).dense(1).compile(sgd(1.0).clipValue(0.1), mse);
        var applied = step(model);
        assertEquals(0.1, applied[0].amaxNumber().doubleValue(), 1e-6);
        assertEquals(0.1, applied[1].amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void withoutClippingTheSameStepIsHuge() {
        var applied = step(Sequential().input(2).dense(1).compile(sgd(1.0), mse));
        assertTrue(applied[0].norm2Number().doubleValue() > 1e5);
    }

    @Test
    void mapsOntoDl4jGradientNormalization() {
        var conf = Sequential()
                .input(2)
                .dense(1)
                .compile(adam(1e-3).clipNorm(1.0), mse)
                .configuration();
        var layer = (BaseLayer) conf.getConf(0).getLayer();
        assertEquals(GradientNormalization.ClipL2PerParamType, layer.getGradientNormalization());
        assertEquals(1.0, layer.getGradientNormalizationThreshold());
        assertEquals("adam(lr=0.001).clipNorm(1.0)", adam(1e-3).clipNorm(1.0).toString());
    }
}
