package org.dendrite.internal.compile;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** getWeights/setWeights speak Keras's layout where DL4J's differs: a Dense kernel after a flattened image, an LSTM's gates. */
class KerasLayoutTest {

    @Test
    void aDenseKernelAfterFlattenIsInKerasPixelByPixelOrder() {
        var model = Sequential().input(2, 2, 3).flatten().dense(1).compile(adam, mse);
        // Keras flattens (h, w, c) pixel by pixel: row (i·2 + j)·3 + k of the kernel weighs pixel (i, j), channel k.
        INDArray kernel = Nd4j.arange(12)
                .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .reshape(12, 1);
        model.setWeights(kernel, Nd4j.zeros(1));
        INDArray image = Nd4j.zeros(1, 2, 2, 3);
        image.putScalar(new long[] {0, 1, 0, 2}, 1); // pixel (1, 0), channel 2: Keras row (1·2 + 0)·3 + 2 = 8
        assertEquals(8.0, model.predict(image).getDouble(0, 0), 1e-6);
        assertEquals(kernel, model.getWeights().get(0), "the kernel comes back as it was given");
    }

    @Test
    void anLstmsGatesAreInKerasOrder() {
        var model = Sequential()
                .input(1, 1)
                .lstm(1)
                .dense(1, LINEAR, ONES, useBias(false))
                .compile(adam, mse);
        // Keras's order: input, forget, cell, output. Input gate open (bias 100), cell candidate tanh(1·x), output
        // open.
        INDArray kernel = Nd4j.create(new float[][] {{0, 0, 1, 0}});
        INDArray recurrent = Nd4j.zeros(1, 4);
        INDArray bias = Nd4j.create(new float[] {100, 0, 0, 100});
        model.setWeights(kernel, recurrent, bias, Nd4j.ones(1, 1));
        // c = i·g = tanh(0.5); h = o·tanh(c)
        double expected = Math.tanh(Math.tanh(0.5));
        assertEquals(
                expected,
                model.predict(Nd4j.create(new float[] {0.5f}).reshape(1, 1, 1)).getDouble(0, 0),
                1e-5);
        assertEquals(bias, model.getWeights().get(2).reshape(4));
    }
}
