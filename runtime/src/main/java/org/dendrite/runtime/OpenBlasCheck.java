package org.dendrite.runtime;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Whether an OpenBLAS kernel family computes correctly on this CPU: single-precision products of
 * a few shapes (tiny ones, which recent OpenBLAS sends to separate "small matrix" kernels, and
 * blocked ones; all four transpose combinations; β 0 and 1) compared with the same products in
 * double precision. Some OpenBLAS builds compute wrong results on some CPUs with some families,
 * which is why environments pin {@code OPENBLAS_CORETYPE}; a family is only chosen once it passed.
 *
 * <p>OpenBLAS reads {@code OPENBLAS_CORETYPE} once, as it loads, so each family is tried in a
 * fresh JVM ({@link #main}) that loads nothing but OpenBLAS (about 0.2 s); {@link OpenBlasCore}
 * keeps the verdicts.
 */
final class OpenBlasCheck {

    /** What a check found. */
    enum Verdict {
        CORRECT,
        WRONG,
        /** The check could not run (no {@code java} launcher, OpenBLAS failed to load, too slow). */
        UNKNOWN
    }

    /** {@code m, n, k} of each product checked. */
    private static final int[][] SHAPES = {{1, 1, 1}, {10, 12, 8}, {7, 5, 33}, {33, 17, 129}, {128, 96, 200}};

    /** Largest error allowed, relative to the sum of the absolute products (float rounding is ~1e-7). */
    private static final double TOLERANCE = 1e-5;

    /** The exit status of a check that found wrong results. */
    private static final int WRONG_STATUS = 3;

    /** A JVM ended by a signal exits with 128 + the signal's number. */
    private static final int SIGNALLED = 128;

    private OpenBlasCheck() {}

    /** A single-precision product in row-major order, as {@code cblas_sgemm} computes it. */
    @FunctionalInterface
    interface Sgemm {
        void compute(
                boolean transA,
                boolean transB,
                int m,
                int n,
                int k,
                float[] a,
                int lda,
                float[] b,
                int ldb,
                float beta,
                float[] c,
                int ldc);
    }

    /** Runs the check on the OpenBLAS this JVM loaded: exit status 0 when correct, 3 when wrong. */
    public static void main(String[] args) {
        String problem = firstDisagreement(
                (transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc) -> openblas_nolapack.cblas_sgemm(
                        openblas_nolapack.CblasRowMajor,
                        transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                        transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                        m,
                        n,
                        k,
                        1f,
                        a,
                        lda,
                        b,
                        ldb,
                        beta,
                        c,
                        ldc));
        if (problem != null) {
            System.out.println(problem);
            System.exit(WRONG_STATUS);
        }
    }

    /** The first product {@code sgemm} gets wrong, described, or null when all agree with the reference. */
    static String firstDisagreement(Sgemm sgemm) {
        Random random = new Random(7);
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            float[] a = gaussian(random, m * k);
            float[] b = gaussian(random, k * n);
            float[] start = gaussian(random, m * n);
            for (int variant = 0; variant < 8; variant++) {
                boolean transA = (variant & 1) != 0;
                boolean transB = (variant & 2) != 0;
                float beta = (variant & 4) != 0 ? 1f : 0f;
                float[] c = start.clone();
                sgemm.compute(transA, transB, m, n, k, a, transA ? m : k, b, transB ? k : n, beta, c, n);
                double error = worstError(transA, transB, m, n, k, a, b, beta, start, c);
                if (!(error <= TOLERANCE)) {
                    return String.format(
                            "%d×%d×%d product (transA=%b, transB=%b, beta=%s): error %.2e relative to the"
                                    + " double-precision reference",
                            m, n, k, transA, transB, beta, error);
                }
            }
        }
        return null;
    }

    /** The largest error of {@code c} against the double-precision product, relative to its magnitude. */
    private static double worstError(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float[] a,
            float[] b,
            float beta,
            float[] start,
            float[] c) {
        double worst = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = beta * (double) start[i * n + j];
                double magnitude = Math.abs(sum);
                for (int p = 0; p < k; p++) {
                    double product =
                            (double) (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                    sum += product;
                    magnitude += Math.abs(product);
                }
                worst = Math.max(worst, Math.abs(c[i * n + j] - sum) / Math.max(magnitude, Double.MIN_NORMAL));
            }
        }
        return worst; // NaN stays NaN and fails the check
    }

    private static float[] gaussian(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** Checks {@code family} in a fresh JVM given {@code OPENBLAS_CORETYPE=family}. */
    static Verdict run(String family) {
        try {
            Process process = command(family).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) { // its few lines of output fit in the pipe
                process.destroyForcibly();
                OpenBlasCore.LOG.warn("could not check OpenBLAS's {} kernels: no answer in 60 s", family);
                return Verdict.UNKNOWN;
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return switch (process.exitValue()) {
                case 0 -> Verdict.CORRECT;
                case WRONG_STATUS -> {
                    OpenBlasCore.LOG.warn(
                            "OpenBLAS's {} kernels compute wrong results on this CPU: {}", family, out.trim());
                    yield Verdict.WRONG;
                }
                default -> {
                    if (process.exitValue() >= SIGNALLED) { // e.g. SIGILL: kernels this CPU cannot run
                        OpenBlasCore.LOG.warn(
                                "OpenBLAS's {} kernels crashed the check (exit status {}): {}",
                                family,
                                process.exitValue(),
                                out.trim());
                        yield Verdict.WRONG;
                    }
                    OpenBlasCore.LOG.warn("could not check OpenBLAS's {} kernels: {}", family, out.trim());
                    yield Verdict.UNKNOWN;
                }
            };
        } catch (IOException | URISyntaxException | RuntimeException e) {
            OpenBlasCore.LOG.warn("could not check OpenBLAS's {} kernels: {}", family, e.toString());
            return Verdict.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.UNKNOWN;
        }
    }

    /** The fresh JVM's command line and environment. */
    private static ProcessBuilder command(String family) throws IOException, URISyntaxException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                String.join(java.io.File.pathSeparator, classPath())));
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("org.bytedeco.javacpp."))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.add(OpenBlasCheck.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OPENBLAS_CORETYPE", family);
        return builder;
    }

    /**
     * What the check's JVM needs on its class path: this class, JavaCPP and bytedeco's OpenBLAS with
     * their native libraries for this platform, found where this JVM loads them from (which is not
     * always {@code java.class.path}: Maven's {@code exec:java} loads them in a class loader of its own).
     */
    private static Set<String> classPath() throws IOException, URISyntaxException {
        String platform = org.bytedeco.javacpp.Loader.getPlatform();
        Set<String> entries = new LinkedHashSet<>();
        for (String resource : List.of(
                "org/dendrite/runtime/OpenBlasCheck.class",
                "org/bytedeco/javacpp/Loader.class",
                "org/bytedeco/javacpp/" + platform + "/" + System.mapLibraryName("jnijavacpp"),
                "org/bytedeco/openblas/global/openblas_nolapack.class",
                "org/bytedeco/openblas/" + platform + "/" + System.mapLibraryName("jniopenblas_nolapack"))) {
            URL url = OpenBlasCheck.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new IOException("not on the class path: " + resource);
            }
            entries.add(entryOf(url, resource));
        }
        return entries;
    }

    /** The jar or folder a resource was found in. */
    private static String entryOf(URL url, String resource) throws IOException, URISyntaxException {
        if (url.getProtocol().equals("jar")) {
            return Path.of(((JarURLConnection) url.openConnection())
                            .getJarFileURL()
                            .toURI())
                    .toString();
        }
        Path file = Path.of(url.toURI());
        for (int i = resource.split("/").length; i > 0; i--) {
            file = file.getParent();
        }
        return file.toString();
    }
}
