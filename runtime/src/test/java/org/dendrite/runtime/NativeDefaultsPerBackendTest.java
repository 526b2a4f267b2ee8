package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which defaults apply on which ND4J backend: the CPU's tuning stays off a GPU build ({@code -Pcuda}). */
class NativeDefaultsPerBackendTest {

    @Test
    void onTheCpuDendriteSetsTheShapeCachingExecutionerAndOpenMpsWaitPolicy() {
        Map<List<String>, String> properties = NativeDefaults.properties(false);
        assertEquals(ShapeCachingExecutioner.class.getName(), properties.get(List.of("opexec")));
        assertEquals(
                Map.of("OMP_WAIT_POLICY", "PASSIVE", "OPENBLAS_CORETYPE", "SkylakeX"),
                NativeDefaults.environment(false, Optional.of(new OpenBlasCore.Choice("SkylakeX", "checked"))));
    }

    @Test
    void underCudaOnlyJavaCppsAndDl4jsHelperSettingsApply() {
        assertEquals(
                Map.of(
                        List.of("org.bytedeco.javacpp.maxPhysicalBytes", "org.bytedeco.javacpp.maxphysicalbytes"), "0",
                        List.of("org.eclipse.deeplearning4j.helpers.disable"), "false"),
                NativeDefaults.properties(true));
        assertTrue(
                NativeDefaults.environment(true, Optional.of(new OpenBlasCore.Choice("SkylakeX", "checked")))
                        .isEmpty(),
                "no OpenMP or OpenBLAS variables for a GPU");
    }

    @Test
    void thisBuildIsTheCpuOne() {
        assertEquals("PASSIVE", NativeDefaults.environment().get("OMP_WAIT_POLICY"));
        assertTrue(!NativeDefaults.openBlasKernels().startsWith("none"), NativeDefaults.openBlasKernels());
    }
}
