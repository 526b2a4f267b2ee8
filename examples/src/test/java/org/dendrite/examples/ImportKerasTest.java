package org.dendrite.examples;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ImportKerasTest {

    /** The fixtures folder beside the checkout (tests run in examples/, so two levels up). */
    private static final Path FIXTURE = Path.of("..", "..", "shared", "keras-fixtures")
            .resolve(ImportKeras.FIXTURE.getFileName())
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path dir;

    @Test
    void theResNetPredictsAsKerasFineTunesWithItsEarlyLayersFrozenAndComesBackFromKeras() throws IOException {
        assumeTrue(Files.exists(FIXTURE), "the Keras fixtures are not beside this checkout: " + FIXTURE);
        ImportKeras.Result r = ImportKeras.run(FIXTURE, ImportKeras.EPOCHS, dir.resolve("tuned.keras"), 0);

        List<String> expected =
                Files.readAllLines(FIXTURE.resolveSibling("keras2_func_resnet8_add_cifar10_expected.csv"));
        INDArray p = r.predictions();
        assertArrayEquals(new long[] {4, 10}, p.shape());
        for (int i = 0; i < 4; i++) {
            String[] want = expected.get(i).split(",");
            for (int j = 0; j < 10; j++) {
                double w = Double.parseDouble(want[j]);
                assertEquals(w, p.getDouble(i, j), 1e-5 + 1e-4 * Math.abs(w), "example " + i + " class " + j);
            }
        }
        List<Double> loss = r.history().loss();
        assertEquals(ImportKeras.EPOCHS, loss.size());
        System.out.println("ImportKeras losses: " + loss);
        assertTrue(loss.get(loss.size() - 1) < loss.get(0), "loss goes down: " + loss);
        assertEquals(18, r.frozenArrays(), "the stem and the first block's main path: 3 convolutions, 3 batch norms");
        assertTrue(r.frozenKept(), "the frozen weights are bit for bit as they were");
        assertEquals(30, r.changedArrays(), "every trainable array moved");
        assertTrue(r.reloadedSame(), "the saved .keras predicts exactly as the tuned model");
    }
}
