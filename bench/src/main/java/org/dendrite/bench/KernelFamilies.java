package org.dendrite.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.bytedeco.systems.global.linux;
import org.dendrite.runtime.NativeDefaults;

/**
 * Which OpenBLAS kernel family each side runs. OpenBLAS picks its kernels when it loads, from
 * {@code OPENBLAS_CORETYPE} or its own reading of the CPU, and some families compute wrong results
 * on some CPUs; so each candidate runs in a fresh process on each side (ND4J in a JVM, PyTorch in
 * Python), its matrix products checked against float64 sums before they are timed. The fastest
 * correct family is the one each side is measured with; the environment the bench was started with
 * is measured too, as installed.
 */
final class KernelFamilies {

    static final String VARIABLE = "OPENBLAS_CORETYPE";

    /** The x86-64 families worth trying on a CPU with AVX: OpenBLAS falls back where one cannot run. */
    private static final List<String> CANDIDATES = List.of("SkylakeX", "Cooperlake", "Haswell", "Zen", "Sandybridge");

    /** Worst error allowed, relative to Σ|a·b|: float32 rounding gives about 1e-7, a wrong kernel about 1. */
    private static final double TOLERANCE = 1e-4;

    private static final double BIG_FLOP = 2.0 * 2048 * 2048 * 2048;
    private static final double MID_FLOP = 2.0 * 128 * 784 * 512;

    private static String forDendrite;
    private static String forPyTorch;

    private KernelFamilies() {}

    /**
     * One process's check of one family.
     *
     * @param asked   the family the environment named, or "as installed"
     * @param ran     the family OpenBLAS reported it loaded
     * @param failure why the process gave no figures, or null
     */
    record Probe(String asked, String ran, double worstError, double bigSeconds, double midSeconds, String failure) {

        static Probe failed(String asked, Exception e) {
            return new Probe(asked, "?", Double.NaN, Double.NaN, Double.NaN, e.getMessage());
        }

        boolean correct() {
            return failure == null && worstError <= TOLERANCE;
        }

        /** The geometric mean of the GFLOP/s of the 2048³ and 128×784×512 products. */
        double gflops() {
            return Math.sqrt(BIG_FLOP / bigSeconds * MID_FLOP / midSeconds) / 1e9;
        }

        @Override
        public String toString() {
            if (failure != null) {
                return asked + ": failed (" + failure.lines().findFirst().orElse("") + ")";
            }
            return String.format(
                    Locale.ROOT,
                    "%s ran %s: %s (worst error %.1e), 2048³ %.0f GFLOP/s, 128×784×512 %.0f GFLOP/s",
                    asked,
                    ran,
                    correct() ? "correct" : "WRONG",
                    worstError,
                    BIG_FLOP / bigSeconds / 1e9,
                    MID_FLOP / midSeconds / 1e9);
        }
    }

    /** One side's probes: as installed, and each candidate family. */
    record Side(String name, Probe asInstalled, List<Probe> candidates) {

        /** The fastest family that computed correctly. */
        Optional<Probe> best() {
            return candidates.stream().filter(Probe::correct).max(Comparator.comparingDouble(Probe::gflops));
        }
    }

    /** The family chosen for Dendrite's processes, once {@link #choose} has run. */
    static synchronized Optional<String> forDendrite() {
        return Optional.ofNullable(forDendrite);
    }

    /** The family chosen for PyTorch's processes, once {@link #choose} has run; empty: as installed. */
    static synchronized Optional<String> forPyTorch() {
        return Optional.ofNullable(forPyTorch);
    }

    /**
     * Probes every candidate on both sides, prints what each computed, and sets the fastest correct
     * ND4J family in this JVM's environment: call it before ND4J loads (OpenBLAS reads the variable
     * once). Returns the PyTorch side, or empty where PyTorch is not installed.
     */
    static Optional<Side> choose() throws Exception {
        Side nd4j = probe("ND4J (bytedeco OpenBLAS 0.3.19)", KernelFamilies::nd4jProbe);
        Optional<Side> torch = PyTorchSide.installed()
                ? Optional.of(probe("PyTorch 1.13 (Debian's OpenBLAS)", KernelFamilies::pytorchProbe))
                : Optional.empty();
        System.out.println("OpenBLAS kernel families, 2 threads; products checked against float64 at sampled entries:");
        for (Side side : torch.map(t -> List.of(nd4j, t)).orElse(List.of(nd4j))) {
            System.out.println(side.name() + " | as installed: " + side.asInstalled());
            side.candidates().forEach(p -> System.out.println(side.name() + " | " + VARIABLE + "=" + p));
            System.out.println(side.name() + " | fastest correct: "
                    + side.best().map(Probe::asked).orElse("none; measured as installed"));
        }
        System.out.println("Dendrite as installed | " + dendritesOwnChoice());
        nd4j.best().ifPresent(best -> {
            synchronized (KernelFamilies.class) {
                forDendrite = best.asked();
            }
            linux.setenv(VARIABLE, best.asked(), 1);
        });
        torch.flatMap(Side::best).ifPresent(best -> {
            synchronized (KernelFamilies.class) {
                forPyTorch = best.asked();
            }
        });
        return torch;
    }

    /** What Dendrite runs without the bench: a family named in the environment, else its own checked choice. */
    private static String dendritesOwnChoice() {
        return NativeDefaults.openBlasKernels();
    }

    private static Side probe(String name, Function<Optional<String>, Probe> probe) {
        List<Probe> candidates = new ArrayList<>();
        CANDIDATES.forEach(family -> candidates.add(probe.apply(Optional.of(family))));
        return new Side(name, probe.apply(Optional.empty()), candidates);
    }

    private static Probe nd4jProbe(Optional<String> family) {
        String asked = family.orElse("as installed");
        try {
            ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(BlasProbe.class, List.of()));
            family.ifPresent(f -> builder.environment().put(VARIABLE, f));
            builder.environment().put("OPENBLAS_VERBOSE", "2"); // OpenBLAS prints "Core: <family>" as it loads
            String out = Processes.output(builder.redirectErrorStream(true), "ND4J's probe of " + asked);
            String ran = out.lines()
                    .filter(line -> line.startsWith("Core: "))
                    .findFirst()
                    .map(line -> line.substring(6).strip())
                    .orElse("?");
            return parse(asked, ran, out.lines().reduce((first, last) -> last).orElseThrow());
        } catch (IOException | InterruptedException | RuntimeException e) {
            return Probe.failed(asked, e);
        }
    }

    private static Probe pytorchProbe(Optional<String> family) {
        String asked = family.orElse("as installed");
        try {
            String[] f = PyTorchSide.output(family, "probe").split(" ", 2);
            return parse(asked, f[0], f[1]);
        } catch (Exception e) {
            return Probe.failed(asked, e);
        }
    }

    /** {@code worstError bigSeconds midSeconds}, as both probes print them. */
    private static Probe parse(String asked, String ran, String figures) {
        String[] f = figures.strip().split(" ");
        return new Probe(
                asked, ran, Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), null);
    }
}
