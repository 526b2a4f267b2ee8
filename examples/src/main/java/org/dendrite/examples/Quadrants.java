package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import org.dendrite.datasets.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The softmax tutorial's four quadrants: one point in each quadrant, labelled I..IV, a
 * 2 → 50 relu → 4 softmax network with cross-entropy, and the class probabilities for (2, 2).
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.dendrite.examples.Quadrants}.
 */
public final class Quadrants {

    static final String[] NAMES = {"I", "II", "III", "IV"};
    static final INDArray POINTS = Nd4j.create(new float[][] {{1, 1}, {-1, 1}, {-1, -1}, {1, -1}});
    static final INDArray QUADRANTS = Nd4j.eye(4).castTo(POINTS.dataType());

    /** @param probabilities of quadrants I..IV for the query point; {@code quadrant} the most probable, 0 = I */
    record Result(float[] probabilities, int quadrant) {
        String name() {
            return NAMES[quadrant];
        }
    }

    static Result classify(float x, float y) {
        var model = Sequential().dense(50, RELU).dense(4, SOFTMAX).compile(adam(0.01), crossEntropy, accuracy);
        model.fit(Dataset.of(POINTS, QUADRANTS), epochs(200).batch(4).verbose(0));
        INDArray p = model.predict(Nd4j.create(new float[][] {{x, y}}));
        return new Result(p.toFloatVector(), p.argMax(1).getInt(0));
    }

    public static void main(String[] args) {
        Result result = classify(2, 2);
        for (int i = 0; i < 4; i++) {
            System.out.printf("P(quadrant %-3s | (2, 2)) = %.4f%n", NAMES[i], result.probabilities()[i]);
        }
        System.out.println("(2, 2) is in quadrant " + result.name());
    }
}
