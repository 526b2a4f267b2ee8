package org.dendrite.keras;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model files written by real Keras that CI lays beside the checkout, in
 * {@code ../shared/keras-fixtures} (each with its provenance, fixed inputs and expected outputs);
 * a test that needs one skips, saying so, where they are absent.
 */
final class Fixtures {

    /** The fixtures folder, relative to the module's directory, where Maven runs the tests. */
    static final Path FOLDER =
            Path.of("..", "..", "shared", "keras-fixtures").toAbsolutePath().normalize();

    private Fixtures() {}

    /** The fixture file {@code name}; the test skips when the folder is absent. */
    static Path fixture(String name) {
        Path file = FOLDER.resolve(name);
        assumeTrue(Files.exists(file), "the Keras fixtures are not beside this checkout: " + FOLDER);
        return file;
    }

    /** A fixture CSV (no header, one example per row) as float rows. */
    static float[][] csv(String name) throws IOException {
        return Files.readAllLines(fixture(name)).stream()
                .filter(l -> !l.isBlank())
                .map(l -> {
                    String[] cells = l.split(",");
                    float[] row = new float[cells.length];
                    for (int i = 0; i < cells.length; i++) {
                        row[i] = Float.parseFloat(cells[i]);
                    }
                    return row;
                })
                .toArray(float[][]::new);
    }
}
