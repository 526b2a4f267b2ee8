package org.dendrite.examples;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dendrite.activations.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class ActivationsTest {

    private final float[] at = {-2, 0, 2};

    private float[] derivative(Activation a) {
        return Activations.derivative(a, Nd4j.create(at)).toFloatVector();
    }

    @Test
    void derivativesAreTheTextbookOnes() {
        float s = (float) (1 / (1 + Math.exp(-2)));
        assertArrayEquals(new float[] {s * (1 - s), 0.25f, s * (1 - s)}, derivative(SIGMOID), 1e-6f);
        float t = (float) Math.tanh(2);
        assertArrayEquals(new float[] {1 - t * t, 1, 1 - t * t}, derivative(TANH), 1e-6f);
        assertArrayEquals(new float[] {0.3f, 1, 1}, derivative(LEAKY_RELU), 1e-6f);
        assertArrayEquals(new float[] {(float) Math.exp(-2), 1, 1}, derivative(ELU), 1e-6f);
        assertArrayEquals(new float[] {1 - s, 0.5f, s}, derivative(SOFTPLUS), 1e-6f, "softplus' is the sigmoid");
        assertEquals(0f, derivative(RELU)[0]);
        assertEquals(1f, derivative(RELU)[2]);
    }

    @Test
    void plotsValuesAndDerivativesSideBySide(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("activations.png");
        Activations.plot(png);
        var image = ImageIO.read(png.toFile());
        assertEquals(1400, image.getWidth());
        assertEquals(500, image.getHeight());
    }
}
