package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenBLAS kernel family follows what the CPU says it can run. */
class OpenBlasCoreTest {

    private static final Set<String> AVX2 = Set.of("sse4_2", "avx", "avx2", "fma");

    @Test
    void aCpuWithAvx512GetsTheSkylakeXKernels() {
        Set<String> flags = new HashSet<>(AVX2);
        flags.addAll(Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16"));
        assertEquals(Optional.of("SkylakeX"), OpenBlasCore.forFlags(flags));
    }

    @Test
    void aCpuWithAvx2AndFmaGetsTheHaswellKernels() {
        assertEquals(Optional.of("Haswell"), OpenBlasCore.forFlags(AVX2));
    }

    @Test
    void partOfAvx512IsNotEnough() {
        Set<String> flags = new HashSet<>(AVX2);
        flags.addAll(Set.of("avx512f", "avx512cd")); // Xeon Phi: no BW, DQ, VL
        assertEquals(Optional.of("Haswell"), OpenBlasCore.forFlags(flags));
    }

    @Test
    void anOlderCpuIsLeftToOpenBlas() {
        assertEquals(Optional.empty(), OpenBlasCore.forFlags(Set.of("sse4_2", "avx")));
    }

    @Test
    void theFlagsAreTheFirstProcessorsInCpuinfo(@TempDir Path dir) throws Exception {
        Path cpuinfo = Files.writeString(
                dir.resolve("cpuinfo"),
                """
                processor\t: 0
                model name\t: Intel(R) Xeon(R) Processor
                flags\t\t: fpu sse4_2 avx2 fma

                processor\t: 1
                flags\t\t: fpu
                """);
        assertEquals(Set.of("fpu", "sse4_2", "avx2", "fma"), OpenBlasCore.flags(cpuinfo));
    }
}
