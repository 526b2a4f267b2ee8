package org.dendrite.runtime;

import org.nd4j.common.io.Resource;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * Applies {@link NativeDefaults} however a program starts. ND4J finds its backends with Java's
 * {@code ServiceLoader}, which constructs every listed backend before ND4J picks one and loads its
 * native code; this class is listed too, so its constructor runs first, even in a program whose
 * first line is {@code Nd4j.create(...)}. It is never chosen: its priority is below every real
 * backend's and it reports itself unavailable.
 */
public final class NativeDefaultsHook extends Nd4jBackend {

    /** Far below ND4J's CPU (0) and GPU (100) priorities, and safe in ND4J's subtraction-based sort. */
    private static final int NEVER = -1_000_000;

    public NativeDefaultsHook() {
        NativeDefaults.apply();
    }

    @Override
    public int getPriority() {
        return NEVER;
    }

    @Override
    public boolean isAvailable() {
        throw new UnsupportedOperationException(
                "not a backend: Dendrite's hook that applies its native settings before ND4J loads");
    }

    @Override
    public boolean canRun() {
        return false;
    }

    @Override
    public boolean allowsOrder() {
        return false;
    }

    @Override
    public Resource getConfigurationResource() {
        throw new UnsupportedOperationException("not a backend");
    }

    @Override
    public Class getNDArrayClass() {
        throw new UnsupportedOperationException("not a backend");
    }

    @Override
    public Environment getEnvironment() {
        throw new UnsupportedOperationException("not a backend");
    }

    @Override
    public String buildInfo() {
        return "Dendrite's native-settings hook (not a backend)";
    }

    @Override
    public void logBackendInit() {
        // nothing to log: never chosen
    }
}
