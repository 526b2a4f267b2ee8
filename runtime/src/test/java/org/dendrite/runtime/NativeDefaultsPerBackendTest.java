package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which defaults apply on which ND4J backend: the CPU's tuning stays off a GPU build ({@code -Pcuda}). */
class NativeDefaultsPerBackendTest {

    @Test
    void onTheCpuDendriteSetsTheShapeCachingExecutionerAndOpenMpsWaitPolicy() {
        Map<List<String>, String> properties = NativeDefaults.properties(false);
        assertEquals(ShapeCachingExecutioner.class.getName(), properties.get(List.of("opexec")));
        assertEquals("PASSIVE", NativeDefaults.environment(false).get("OMP_WAIT_POLICY"));
        assertEquals(
                OpenBlasCore.forThisCpu().orElse(null),
                NativeDefaults.environment(false).get("OPENBLAS_CORETYPE"));
    }

    @Test
    void underCudaOnlyJavaCppsAndDl4jsHelperSettingsApply() {
        assertEquals(
                Map.of(
                        List.of("org.bytedeco.javacpp.maxPhysicalBytes", "org.bytedeco.javacpp.maxphysicalbytes"), "0",
                        List.of("org.eclipse.deeplearning4j.helpers.disable"), "false"),
                NativeDefaults.properties(true));
        assertTrue(NativeDefaults.environment(true).isEmpty(), "no OpenMP or OpenBLAS variables for a GPU");
    }

    @Test
    void thisBuildIsTheCpuOne() {
        assertEquals(NativeDefaults.environment(false), NativeDefaults.environment());
    }
}
