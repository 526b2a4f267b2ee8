package org.dendrite.runtime;

/**
 * Whether this JVM runs ND4J's CUDA backend: it is on the class path (a {@code mvn -Pcuda} build),
 * and ND4J prefers it to the CPU one. Told from the class path alone, without loading ND4J or
 * applying {@link NativeDefaults}.
 */
public final class CudaBackend {

    /** ND4J's CUDA backend class. */
    private static final String CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    private static final boolean ON_CLASS_PATH = find();

    private CudaBackend() {}

    /** Whether ND4J's CUDA backend is on the class path. */
    public static boolean onClassPath() {
        return ON_CLASS_PATH;
    }

    private static boolean find() {
        try {
            Class.forName(CLASS, false, CudaBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
