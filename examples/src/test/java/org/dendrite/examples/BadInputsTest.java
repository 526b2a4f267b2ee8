package org.dendrite.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputsTest {

    @Test
    void everyMistakeInTheCorpusIsRefusedWithAMessage(@TempDir Path dir) throws Exception {
        var cases = BadInputs.run(dir);
        assertTrue(cases.size() >= 35, "cases: " + cases.size());
        for (var c : cases) {
            assertTrue(c.refused(), c.name() + " -> " + c.outcome());
            assertFalse(
                    c.outcome().startsWith("NullPointerException") && !c.name().contains("null"),
                    c.name() + " ended in a NullPointerException: " + c.outcome());
        }
    }
}
