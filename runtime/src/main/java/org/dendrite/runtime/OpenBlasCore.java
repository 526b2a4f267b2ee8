package org.dendrite.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dendrite.io.AtomicFiles;
import org.dendrite.runtime.OpenBlasCheck.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenBLAS kernel family for this CPU: the fastest one its feature flags allow that computes
 * correctly here.
 *
 * <p>ND4J's matrix products run in OpenBLAS 0.3.19 (bytedeco's build), which picks its kernels by
 * CPU model number and falls back to old SSE kernels for a model newer than itself: "Prescott" on a
 * Xeon of family 6 model 207 (a 2048² product 5× slower than with the AVX-512 kernels), "Barcelona"
 * on an AMD EPYC Zen 4 (measured). The candidates come from what the CPU reports it can run, Intel
 * or AMD alike: "SkylakeX" with AVX-512, then "Haswell" with AVX2 and FMA. Each is checked against a
 * double-precision reference ({@link OpenBlasCheck}) before it is chosen, once per CPU and OpenBLAS
 * build: the verdicts are kept in {@code ~/.dendrite/openblas-kernels.properties}. On a CPU with
 * neither, OpenBLAS decides, as before.
 */
final class OpenBlasCore {

    static final Logger LOG = LoggerFactory.getLogger(OpenBlasCore.class);

    private static final List<String> AVX512 = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    private static final List<String> AVX2 = List.of("avx2", "fma");
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** How a family was arrived at, for {@link NativeDefaults#openBlasKernels()}. */
    record Choice(String family, String how) {
        @Override
        public String toString() {
            return family + " (" + how + ")";
        }
    }

    private OpenBlasCore() {}

    /** The checked family for this machine's CPU; empty where none of the candidates passed. */
    static Optional<Choice> forThisCpu() {
        List<String> candidates = candidatesForThisCpu();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Path verdicts = Path.of(System.getProperty("user.home"), ".dendrite", "openblas-kernels.properties");
        return choose(candidates, family -> remembered(verdicts, family));
    }

    /** The families this machine's CPU can run, fastest first. */
    static List<String> candidatesForThisCpu() {
        return candidates(cpuinfo("flags").map(OpenBlasCore::words).orElse(Set.of()));
    }

    /** The families a CPU with these flags can run, fastest first. */
    static List<String> candidates(Set<String> flags) {
        List<String> families = new ArrayList<>();
        if (flags.containsAll(AVX512)) {
            families.add("SkylakeX");
        }
        if (flags.containsAll(AVX2)) {
            families.add("Haswell");
        }
        return families;
    }

    /**
     * The first candidate found correct. Where a check could not run, the first candidate not
     * found wrong, unchecked (what Dendrite chose before it checked).
     */
    static Optional<Choice> choose(List<String> candidates, Function<String, Verdict> check) {
        String unchecked = null;
        for (String family : candidates) {
            Verdict verdict = check.apply(family);
            if (verdict == Verdict.CORRECT) {
                return Optional.of(new Choice(family, "chosen by Dendrite from the CPU's flags, checked correct here"));
            }
            if (verdict == Verdict.UNKNOWN && unchecked == null) {
                unchecked = family;
            }
        }
        return Optional.ofNullable(unchecked)
                .map(family -> new Choice(family, "chosen by Dendrite from the CPU's flags, unchecked"));
    }

    /** The verdict kept for {@code family} on this CPU and OpenBLAS, checked and kept if there is none. */
    static Verdict remembered(Path file, String family) {
        String key = family + " on " + cpuinfo("model name").orElse("unknown CPU") + " (family "
                + cpuinfo("cpu family").orElse("?") + " model "
                + cpuinfo("model").orElse("?") + ") with "
                + openBlasBuild();
        Properties known = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            known.load(reader);
        } catch (IOException e) {
            // nothing kept yet (or unreadable): check again
        }
        String kept = known.getProperty(key);
        if (kept != null) {
            return Verdict.valueOf(kept);
        }
        Verdict verdict = OpenBlasCheck.run(family);
        if (verdict != Verdict.UNKNOWN) {
            known.setProperty(key, verdict.name());
            try {
                Files.createDirectories(file.getParent());
                AtomicFiles.write(file, temporary -> {
                    try (Writer writer = Files.newBufferedWriter(temporary)) {
                        known.store(
                                writer,
                                "OpenBLAS kernel families checked by Dendrite against a double-precision reference");
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("could not keep the OpenBLAS check's verdict in {}: {}", file, e.toString());
            }
        }
        return verdict;
    }

    /** The OpenBLAS build ND4J loads: the file its Java classes come from names the version. */
    private static String openBlasBuild() {
        var source = org.bytedeco
                .openblas
                .global
                .openblas_nolapack
                .class
                .getProtectionDomain()
                .getCodeSource();
        return source == null
                ? "unknown OpenBLAS"
                : Path.of(source.getLocation().getPath()).getFileName().toString();
    }

    /** A field of the first processor listed in {@code /proc/cpuinfo}. */
    private static Optional<String> cpuinfo(String field) {
        try {
            return Files.isReadable(CPUINFO) ? field(CPUINFO, field) : Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** A field of the first processor listed in a {@code /proc/cpuinfo}-style file. */
    static Optional<String> field(Path cpuinfo, String field) throws IOException {
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.contains(":")
                            && line.substring(0, line.indexOf(':')).trim().equals(field))
                    .findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim());
        }
    }

    /** The words of a flags line. */
    static Set<String> words(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).collect(Collectors.toSet());
    }
}
