package org.dendrite.losses;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.dendrite.Model;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Each loss computes what Keras computes, over an example of two outputs: a mean or a sum over them as Keras takes it. */
class LossTest {

    private static final INDArray P = Nd4j.create(new double[][] {{0.5, 0.25}});
    private static final INDArray Y = Nd4j.create(new double[][] {{1, 0}});

    @Test
    void lossesThatKerasAveragesOverOutputs() {
        // Keras: mean over the last axis.
        assertEquals((-Math.log(0.5) - Math.log(0.75)) / 2, binaryCrossEntropy.compute(P, Y), 1e-9);
        assertEquals((0.5 * 0.5 + 0.25 * 0.25) / 2, mse.compute(P, Y), 1e-9);
        assertEquals((0.5 + 0.25) / 2, mae.compute(P, Y), 1e-9);
        assertEquals(
                (Math.max(0, 1 - 0.5) + Math.max(0, 1 + 0.25)) / 2,
                hinge.compute(P, Nd4j.create(new double[][] {{1, -1}})),
                1e-9);
        assertEquals(((0.5 - Math.log(0.5)) + 0.25) / 2, poisson.compute(P, Y), 1e-9);
    }

    @Test
    void lossesThatKerasSumsOverOutputs() {
        // Keras: a sum over the classes.
        INDArray half = Nd4j.create(new double[][] {{0.5, 0.5}});
        assertEquals(0.5 * Math.log(1) + 0.5 * Math.log(0.5 / 0.25), kld.compute(P, half), 1e-9);
        INDArray probabilities = Nd4j.create(new double[][] {{0.75, 0.25}});
        assertEquals(-Math.log(0.75), categoricalCrossEntropy.compute(probabilities, Y), 1e-9);
    }

    @Test
    void aModelOfSeveralSigmoidOutputsTrainsOnKerasBinaryCrossEntropy() throws java.io.IOException {
        INDArray x = Nd4j.rand(16, 3);
        INDArray y = x.gt(0.5).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        Model model = Sequential().input(3).dense(3, SIGMOID).compile(adam, binaryCrossEntropy);
        INDArray p = model.predict(x);
        double keras = Transforms.log(p)
                .mul(y)
                .add(Transforms.log(p.rsub(1)).mul(y.rsub(1)))
                .neg()
                .meanNumber()
                .doubleValue();
        assertEquals(keras, model.evaluate(Dataset.of(x, y)).loss(), 1e-5, "the mean over examples and outputs");

        model.fit(Dataset.of(x, y), epochs(2).verbose(0));
        java.nio.file.Path file = dir.resolve("bce.zip");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals(
                model.evaluate(Dataset.of(x, y)).loss(),
                loaded.evaluate(Dataset.of(x, y)).loss(),
                "DL4J's file keeps the averaging");
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;
}
