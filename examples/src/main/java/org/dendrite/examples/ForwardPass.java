package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import org.dendrite.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The tutorial's forward pass worked by hand, reproduced with weights set by hand: input (3, 4)
 * → ReLU layer (unit 1: weights (1, -1), bias 9; unit 2: weights (2, 0), bias -3) gives (8, 3)
 * → ReLU layer (unit 3: weights (4, 3), bias 5; unit 4: weights (-2, 1), bias 0) gives (46, 0).
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.dendrite.examples.ForwardPass}.
 */
public final class ForwardPass {

    /** @param hidden the first layer's output; {@code output} the second's */
    record Result(float[] hidden, float[] output) {}

    static Model handWired() {
        Model model = Sequential().input(2).dense(2, RELU).dense(2, RELU).compile(sgd, mse);
        // Keras's set_weights order and layout: per layer the kernel [inputs, units] (one column per unit), then the
        // bias.
        model.setWeights(
                Nd4j.create(new float[][] {{1, 2}, {-1, 0}}), Nd4j.create(new float[] {9, -3}),
                Nd4j.create(new float[][] {{4, -2}, {3, 1}}), Nd4j.create(new float[] {5, 0}));
        return model;
    }

    static Result run() {
        Model model = handWired();
        INDArray input = Nd4j.create(new float[][] {{3, 4}});
        INDArray hidden = model.network().feedForward(input, false).get(1);
        return new Result(hidden.toFloatVector(), model.predict(input).toFloatVector());
    }

    public static void main(String[] args) {
        Result result = run();
        System.out.printf(
                "input (3, 4) -> hidden (%s, %s) -> output (%s, %s)%n",
                result.hidden()[0], result.hidden()[1], result.output()[0], result.output()[1]);
        System.out.println("weights, Keras order: " + handWired().getWeights());
    }
}
