package org.dendrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code Dendrite.backend()} says where ND4J runs; this build (no -Pcuda) runs on the CPU. */
class BackendTest {

    @Test
    void theDefaultBuildRunsOnTheCpuWithEveryCoreOfTheMachine() {
        Backend backend = Dendrite.backend();
        assertEquals("CPU", backend.name());
        assertTrue(
                backend.device().endsWith(", " + Runtime.getRuntime().availableProcessors() + " cores"),
                backend.device());
        assertTrue(backend.toString().startsWith("CPU: "), backend.toString());
    }
}
