package org.dendrite.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ForwardPassTest {

    @Test
    void reproducesTheHandComputedPassExactly() {
        ForwardPass.Result result = ForwardPass.run();
        assertArrayEquals(new float[] {8, 3}, result.hidden(), 1e-6f);
        assertArrayEquals(new float[] {46, 0}, result.output(), 1e-6f);
    }

    @Test
    void getWeightsReturnsWhatWasSetInKerasOrder() {
        var weights = ForwardPass.handWired().getWeights();
        assertArrayEquals(
                new float[] {1, 2, -1, 0}, weights.get(0).ravel().toFloatVector(), "kernel [inputs, units], row-major");
        assertArrayEquals(new float[] {9, -3}, weights.get(1).ravel().toFloatVector());
        assertArrayEquals(new float[] {4, -2, 3, 1}, weights.get(2).ravel().toFloatVector());
        assertArrayEquals(new float[] {5, 0}, weights.get(3).ravel().toFloatVector());
    }
}
