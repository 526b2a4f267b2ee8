package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Dl4jVersionTest {

    @Test
    void thePatchesTargetTheReleaseOnTheClassPath() {
        assertEquals("1.0.0-M2.1", Dl4jVersion.running());
        assertTrue(Dl4jVersion.expectedBy("a test patch"));
    }
}
