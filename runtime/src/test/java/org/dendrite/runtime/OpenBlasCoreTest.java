package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.dendrite.runtime.OpenBlasCheck.Verdict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenBLAS kernel family: the fastest the CPU's flags allow that computes correctly here. */
class OpenBlasCoreTest {

    private static final Set<String> AVX2 = Set.of("sse4_2", "avx", "avx2", "fma");

    @Test
    void aCpuWithAvx512CanRunTheSkylakeXKernelsThenTheHaswellOnes() {
        Set<String> flags = new HashSet<>(AVX2);
        flags.addAll(Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16"));
        assertEquals(List.of("SkylakeX", "Haswell"), OpenBlasCore.candidates(flags));
    }

    @Test
    void aCpuWithAvx2AndFmaCanRunTheHaswellKernels() {
        assertEquals(List.of("Haswell"), OpenBlasCore.candidates(AVX2));
    }

    @Test
    void partOfAvx512IsNotEnough() {
        Set<String> flags = new HashSet<>(AVX2);
        flags.addAll(Set.of("avx512f", "avx512cd")); // Xeon Phi: no BW, DQ, VL
        assertEquals(List.of("Haswell"), OpenBlasCore.candidates(flags));
    }

    @Test
    void anOlderCpuIsLeftToOpenBlas() {
        assertEquals(List.of(), OpenBlasCore.candidates(Set.of("sse4_2", "avx")));
        assertEquals(Optional.empty(), OpenBlasCore.choose(List.of(), family -> Verdict.CORRECT));
    }

    @Test
    void theFastestFamilyThatComputesCorrectlyIsChosen() {
        Map<String, Verdict> verdicts = Map.of("SkylakeX", Verdict.WRONG, "Haswell", Verdict.CORRECT);
        assertEquals(
                "Haswell",
                OpenBlasCore.choose(List.of("SkylakeX", "Haswell"), verdicts::get)
                        .orElseThrow()
                        .family());
        assertEquals(
                "SkylakeX",
                OpenBlasCore.choose(List.of("SkylakeX", "Haswell"), family -> Verdict.CORRECT)
                        .orElseThrow()
                        .family());
    }

    @Test
    void whereNoCheckCouldRunTheFlagsDecideAndWhereAllAreWrongOpenBlasDoes() {
        Map<String, Verdict> unknown = Map.of("SkylakeX", Verdict.WRONG, "Haswell", Verdict.UNKNOWN);
        OpenBlasCore.Choice choice = OpenBlasCore.choose(List.of("SkylakeX", "Haswell"), unknown::get)
                .orElseThrow();
        assertEquals("Haswell (chosen by Dendrite from the CPU's flags, unchecked)", choice.toString());
        assertEquals(Optional.empty(), OpenBlasCore.choose(List.of("SkylakeX"), family -> Verdict.WRONG));
    }

    @Test
    @Tag("slow") // a fresh JVM loading OpenBLAS: 0.2 s idle, more when busy
    void aVerdictIsCheckedOnceThenKept(@TempDir Path dir) throws Exception {
        List<String> candidates = OpenBlasCore.candidatesForThisCpu();
        assumeTrue(!candidates.isEmpty(), "a CPU without AVX2: no family to check");
        String family = candidates.get(0);
        Path file = dir.resolve("openblas-kernels.properties");
        Verdict checked = OpenBlasCore.remembered(file, family);
        Properties kept = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            kept.load(reader);
        }
        String key = kept.stringPropertyNames().iterator().next();
        assertEquals(checked.name(), kept.getProperty(key));
        Verdict other = checked == Verdict.CORRECT ? Verdict.WRONG : Verdict.CORRECT;
        kept.setProperty(key, other.name()); // the kept verdict is used, not a new check
        try (var writer = Files.newBufferedWriter(file)) {
            kept.store(writer, null);
        }
        assertEquals(other, OpenBlasCore.remembered(file, family));
    }

    @Test
    void theFieldsAreTheFirstProcessorsInCpuinfo(@TempDir Path dir) throws Exception {
        Path cpuinfo = Files.writeString(
                dir.resolve("cpuinfo"),
                """
                processor\t: 0
                model name\t: AMD EPYC
                flags\t\t: fpu sse4_2 avx2 fma

                processor\t: 1
                flags\t\t: fpu
                """);
        assertEquals(Optional.of("AMD EPYC"), OpenBlasCore.field(cpuinfo, "model name"));
        assertEquals(
                Set.of("fpu", "sse4_2", "avx2", "fma"),
                OpenBlasCore.words(OpenBlasCore.field(cpuinfo, "flags").orElseThrow()));
    }
}
