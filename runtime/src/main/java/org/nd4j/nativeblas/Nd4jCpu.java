package org.nd4j.nativeblas;

import org.dendrite.runtime.Dl4jVersion;

/**
 * A bridge that lets DL4J 1.0.0-M2.1 find its oneDNN switch. DL4J's {@code BaseMKLDNNHelper}
 * still looks it up under this class's name, from before ND4J moved its bindings to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}; without the bridge the lookup fails
 * and every oneDNN layer helper (convolution, pooling, batch normalisation) stays off.
 * It answers with ND4J's own switch, and only where the loaded native library was built with oneDNN.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {}

    /** The one method set DL4J calls by reflection: {@code getInstance().isUseMKLDNN()}. */
    public static final class Environment {

        static {
            Dl4jVersion.expectedBy("org.nd4j.nativeblas.Nd4jCpu (DL4J's oneDNN switch)");
        }

        private static final Environment INSTANCE = new Environment();

        private final boolean builtWithOneDnn =
                NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");

        private Environment() {}

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether oneDNN is in the loaded native library and ND4J's switch for it is on. */
        public boolean isUseMKLDNN() {
            return builtWithOneDnn
                    && org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance()
                            .isUseONEDNN();
        }
    }
}
