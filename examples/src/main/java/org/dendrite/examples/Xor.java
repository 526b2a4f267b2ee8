package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import org.dendrite.datasets.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The back-propagation tutorial's XOR: a 2 → 4 sigmoid → 1 sigmoid network learns a function no
 * single layer can, and gets all four cases right.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.dendrite.examples.Xor}.
 */
public final class Xor {

    /** The four inputs and their XOR. */
    static final INDArray INPUTS = Nd4j.create(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});

    static final INDArray TARGETS = Nd4j.create(new float[][] {{0}, {1}, {1}, {0}});

    /** @param outputs the network's output for each input; {@code correct} how many round to the target */
    record Result(INDArray outputs, int correct, double finalLoss) {}

    static Result run() {
        var model = Sequential().dense(4, SIGMOID).dense(1, SIGMOID).compile(adam(0.05), crossEntropy);
        Dataset xor = Dataset.of(INPUTS, TARGETS);
        var history = model.fit(xor, epochs(1000).batch(4).verbose(0));
        int correct = (int) Math.round(4 * model.evaluate(xor).accuracy());
        return new Result(model.predict(INPUTS), correct, history.loss().get(history.epochs() - 1));
    }

    public static void main(String[] args) {
        Result result = run();
        for (int i = 0; i < 4; i++) {
            System.out.printf(
                    "%s XOR %s -> %.3f (target %s)%n",
                    (int) INPUTS.getFloat(i, 0),
                    (int) INPUTS.getFloat(i, 1),
                    result.outputs().getFloat(i, 0),
                    (int) TARGETS.getFloat(i, 0));
        }
        System.out.printf("%d of 4 right, final loss %.4f%n", result.correct(), result.finalLoss());
    }
}
