package org.dendrite.runtime;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdaDeltaUpdater;
import org.nd4j.linalg.learning.config.AdaDelta;

/**
 * AdaDelta as libnd4j computes it: {@code E[g²] ← ρ·E[g²] + (1-ρ)·g²;
 * update = g·√(E[Δx²] + ε) / √(E[g²] + ε); E[Δx²] ← ρ·E[Δx²] + (1-ρ)·update²}.
 */
final class DirectAdaDelta extends DirectUpdater<AdaDelta, AdaDeltaUpdater> {

    DirectAdaDelta(AdaDeltaUpdater dl4j) {
        super(dl4j, 2);
    }

    /** E[g²], then E[Δx²]: the order {@link #step} takes them. */
    @Override
    List<INDArray> state() {
        return List.of(dl4j.getMsg(), dl4j.getMsdx());
    }

    @Override
    float[] constants(int iteration, int epoch) {
        AdaDelta config = dl4j.getConfig();
        return new float[] {(float) config.getRho(), (float) config.getEpsilon()};
    }

    @Override
    void step(float[][] chunks, int length, float[] constants) {
        float rho = constants[0];
        float keep = 1 - rho;
        float epsilon = constants[1];
        float[] g = chunks[0];
        float[] msg = chunks[1];
        float[] msdx = chunks[2];
        for (int i = 0; i < length; i++) {
            msg[i] = rho * msg[i] + g[i] * g[i] * keep;
            g[i] = g[i] * ((float) Math.sqrt(msdx[i] + epsilon) / (float) Math.sqrt(msg[i] + epsilon));
            msdx[i] = rho * msdx[i] + g[i] * g[i] * keep;
        }
    }
}
