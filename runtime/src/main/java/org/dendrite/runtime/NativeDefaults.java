package org.dendrite.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.systems.global.linux;

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
 * <li>{@code OPENBLAS_CORETYPE}, in the environment, from the CPU's feature flags
 * ({@link OpenBlasCore}): OpenBLAS otherwise falls back to its SSE3 kernels on CPUs newer than
 * itself (this project's machine: matrix products 5× slower, measured).</li>
 * <li>{@code opexec=}{@link ShapeCachingExecutioner}: ND4J's op executioner, keeping the shape
 * descriptions libnd4j already keeps instead of wrapping them anew on every op (Pima: about half
 * the time of a training step, measured).</li>
 * </ul>
 * {@link NativeDefaultsHook} applies them as ND4J looks for its backend, so they hold however a
 * program starts, Dendrite's classes first or ND4J's. Each is written for DL4J {@value Dl4jVersion#TARGET}
 * and warns once on another release ({@link Dl4jVersion}).
 */
public final class NativeDefaults {

    /** Each default under its property names, the first the one set; JavaCPP also reads lower case. */
    private static final Map<List<String>, String> PROPERTIES = Map.of(
            List.of("org.bytedeco.javacpp.maxPhysicalBytes", "org.bytedeco.javacpp.maxphysicalbytes"), "0",
            List.of("org.eclipse.deeplearning4j.helpers.disable"), "false",
            List.of("opexec"), ShapeCachingExecutioner.class.getName());

    /** Environment variables the native libraries read when they load. */
    private static final Map<String, String> ENVIRONMENT = environmentForThisMachine();

    static {
        Dl4jVersion.expectedBy("NativeDefaults (JavaCPP, OpenMP, OpenBLAS and DL4J helper settings)");
        PROPERTIES.forEach((names, value) -> {
            if (names.stream().allMatch(name -> System.getProperty(name) == null)) {
                System.setProperty(names.get(0), value);
            }
        });
        ENVIRONMENT.forEach((name, value) -> linux.setenv(name, value, 0)); // 0: an existing value stays
    }

    private NativeDefaults() {}

    private static Map<String, String> environmentForThisMachine() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("OMP_WAIT_POLICY", "PASSIVE");
        OpenBlasCore.forThisCpu().ifPresent(core -> environment.put("OPENBLAS_CORETYPE", core));
        return Collections.unmodifiableMap(environment);
    }

    /**
     * The environment variables Dendrite's defaults set on this machine, with their values (a value
     * the user had set stays in the process, whatever this says); e.g. to run another program the same way.
     */
    public static Map<String, String> environment() {
        return ENVIRONMENT;
    }

    /** Applies the defaults; the work happens once, when this class initialises. */
    public static void apply() {
        // class initialisation above
    }
}
