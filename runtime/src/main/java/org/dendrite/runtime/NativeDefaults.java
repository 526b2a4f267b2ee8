package org.dendrite.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.systems.global.linux;
import org.slf4j.LoggerFactory;

/**
 * Dendrite's settings for the native libraries under ND4J, applied before they load. A setting the
 * user gave first ({@code -D...} or an environment variable) wins, so DL4J's own behaviour stays
 * one flag away.
 * <ul>
 * <li>{@code org.bytedeco.javacpp.maxPhysicalBytes=0}: otherwise JavaCPP reads the process's
 * resident size from {@code /proc} on every native allocation, a quarter of a small network's
 * training step (measured on Pima).</li>
 * <li>{@code org.eclipse.deeplearning4j.helpers.disable=false}: DL4J 1.0.0-M2.1 switches its
 * oneDNN layer helpers off by default; on, convolution and pooling run in oneDNN (Keras's
 * mnist_cnn trains about 5× faster, measured).</li>
 * <li>{@code OMP_WAIT_POLICY=PASSIVE}, in the process's environment, where OpenMP reads it when it
 * loads: ND4J runs two thread pools, OpenMP's for its own ops and OpenBLAS's for matrix products,
 * each as large as the machine. Idle OpenMP threads otherwise spin and take the cores the other
 * pool needs next; passive, they sleep (Keras's mnist_mlp: about 100 → 30 ms a step on 2 cores,
 * measured).</li>
 * <li>{@code OPENBLAS_CORETYPE}, in the environment: the fastest kernel family the CPU's flags allow
 * that computes correctly here ({@link OpenBlasCore}, Intel and AMD alike). OpenBLAS otherwise falls
 * back to old SSE kernels on CPUs newer than itself (this project's machines: matrix products 2–5×
 * slower, measured); {@link #openBlasKernels()} says which family runs and why.</li>
 * <li>{@code opexec=}{@link ShapeCachingExecutioner}: ND4J's op executioner, keeping the shape
 * descriptions libnd4j already keeps instead of wrapping them anew on every op (Pima: about half
 * the time of a training step, measured).</li>
 * </ul>
 * Under ND4J's CUDA backend ({@code mvn -Pcuda}) only the JavaCPP and helper settings apply: the
 * rest tune the CPU backend's libraries, and its op executioner would not run on a GPU.
 * {@link NativeDefaultsHook} applies them as ND4J looks for its backend, so they hold however a
 * program starts, Dendrite's classes first or ND4J's. Each is written for DL4J {@value Dl4jVersion#TARGET}
 * and warns once on another release ({@link Dl4jVersion}).
 */
public final class NativeDefaults {

    private static final boolean ON_CUDA = CudaBackend.onClassPath();

    /** Present wherever NVIDIA's kernel driver is loaded, which ND4J's CUDA backend needs. */
    private static final Path NVIDIA_DRIVER = Path.of("/proc/driver/nvidia/version");

    /** Each default under its property names, the first the one set; JavaCPP also reads lower case. */
    private static final Map<List<String>, String> PROPERTIES = properties(ON_CUDA);

    private static final String CORETYPE = "OPENBLAS_CORETYPE";

    /** The OpenBLAS family Dendrite chose: none under CUDA or where the environment names one already. */
    private static final Optional<OpenBlasCore.Choice> KERNELS =
            ON_CUDA || System.getenv(CORETYPE) != null ? Optional.empty() : OpenBlasCore.forThisCpu();

    /** Environment variables the native libraries read when they load. */
    private static final Map<String, String> ENVIRONMENT = environment(ON_CUDA, KERNELS);

    static {
        Dl4jVersion.expectedBy("NativeDefaults (JavaCPP, OpenMP, OpenBLAS and DL4J helper settings)");
        PROPERTIES.forEach((names, value) -> {
            if (names.stream().allMatch(name -> System.getProperty(name) == null)) {
                System.setProperty(names.get(0), value);
            }
        });
        ENVIRONMENT.forEach((name, value) -> linux.setenv(name, value, 0)); // 0: an existing value stays
        if (ON_CUDA && !Files.exists(NVIDIA_DRIVER)) {
            LoggerFactory.getLogger(NativeDefaults.class)
                    .error(
                            "This build uses ND4J's CUDA backend (mvn -Pcuda), but this machine has no NVIDIA driver ({}"
                                    + " is missing), so ND4J cannot load: run it where a GPU with CUDA 11.6 is, or build"
                                    + " without -Pcuda for the CPU",
                            NVIDIA_DRIVER);
        }
    }

    private NativeDefaults() {}

    /** The system properties Dendrite sets, each under its names; the CPU executioner only on the CPU. */
    static Map<List<String>, String> properties(boolean onCuda) {
        Map<List<String>, String> properties = new LinkedHashMap<>();
        properties.put(List.of("org.bytedeco.javacpp.maxPhysicalBytes", "org.bytedeco.javacpp.maxphysicalbytes"), "0");
        properties.put(List.of("org.eclipse.deeplearning4j.helpers.disable"), "false");
        if (!onCuda) {
            properties.put(List.of("opexec"), ShapeCachingExecutioner.class.getName());
        }
        return Collections.unmodifiableMap(properties);
    }

    /** The environment Dendrite sets: OpenMP's and OpenBLAS's, which only the CPU backend loads. */
    static Map<String, String> environment(boolean onCuda, Optional<OpenBlasCore.Choice> kernels) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (!onCuda) {
            environment.put("OMP_WAIT_POLICY", "PASSIVE");
            kernels.ifPresent(core -> environment.put(CORETYPE, core.family()));
        }
        return Collections.unmodifiableMap(environment);
    }

    /**
     * The environment variables Dendrite's defaults set on this machine, with their values (a value
     * the user had set stays in the process, whatever this says); e.g. to run another program the same way.
     */
    public static Map<String, String> environment() {
        return ENVIRONMENT;
    }

    /**
     * The OpenBLAS kernel family ND4J's matrix products run, and how it was chosen: e.g.
     * {@code "SkylakeX (chosen by Dendrite from the CPU's flags, checked correct here)"} or
     * {@code "Haswell (OPENBLAS_CORETYPE set in the environment)"}.
     */
    public static String openBlasKernels() {
        if (ON_CUDA) {
            return "none (ND4J's CUDA backend)";
        }
        String given = System.getenv(CORETYPE);
        if (given != null) {
            return given + " (" + CORETYPE + " set in the environment)";
        }
        return KERNELS.map(OpenBlasCore.Choice::toString).orElse("OpenBLAS's own choice for this CPU");
    }

    /** Applies the defaults; the work happens once, when this class initialises. */
    public static void apply() {
        // class initialisation above
    }
}
