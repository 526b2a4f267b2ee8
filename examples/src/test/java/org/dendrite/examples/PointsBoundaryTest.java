package org.dendrite.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointsBoundaryTest {

    @Test
    void separatesTheEightPointsAndDrawsTheBoundary(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("boundary.png");
        PointsBoundary.Result result = PointsBoundary.run(png);
        assertArrayEquals(new int[] {0, 1, 1, 0, 0, 1, 1, 0}, result.predicted());
        assertEquals(8, result.correct());

        var image = ImageIO.read(png.toFile());
        assertEquals(PointsBoundary.WIDTH, image.getWidth());
        assertEquals(PointsBoundary.HEIGHT, image.getHeight());
        int upperLeft = image.getRGB(120, 80);
        int lowerRight = image.getRGB(600, 500);
        assertNotEquals(upperLeft, lowerRight, "the two sides of the boundary are coloured apart");
    }
}
