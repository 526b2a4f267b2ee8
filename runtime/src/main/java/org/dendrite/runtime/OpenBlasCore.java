package org.dendrite.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The OpenBLAS kernel family for this CPU, named from the CPU's own feature flags.
 *
 * <p>ND4J's matrix products run in OpenBLAS 0.3.19 (bytedeco's build), which picks its kernels by
 * CPU model number and falls back to its SSE3 "Prescott" kernels for a model newer than itself:
 * on this project's machine (Xeon, family 6 model 207, AVX-512) that made a 2048² product 5× slower
 * than with the AVX-512 kernels. Naming the family from what the CPU reports it can run gives the
 * kernels OpenBLAS would choose for a CPU it knows: "SkylakeX" with AVX-512, "Haswell" with AVX2 and
 * FMA; on anything older OpenBLAS decides, as before.
 */
final class OpenBlasCore {

    private static final List<String> AVX512 = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    private static final List<String> AVX2 = List.of("avx2", "fma");

    private OpenBlasCore() {}

    /** The family for this machine's CPU, from {@code /proc/cpuinfo}; empty where it cannot tell. */
    static Optional<String> forThisCpu() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            return Files.isReadable(cpuinfo) ? forFlags(flags(cpuinfo)) : Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The family for a CPU with these feature flags. */
    static Optional<String> forFlags(Set<String> flags) {
        if (flags.containsAll(AVX512)) {
            return Optional.of("SkylakeX");
        }
        return flags.containsAll(AVX2) ? Optional.of("Haswell") : Optional.empty();
    }

    /** The feature flags of the first processor listed in a {@code /proc/cpuinfo}-style file. */
    static Set<String> flags(Path cpuinfo) throws IOException {
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("flags") && line.contains(":"))
                    .findFirst()
                    .map(line -> Arrays.stream(
                                    line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                            .collect(Collectors.toSet()))
                    .orElse(Set.of());
        }
    }
}
