package org.dendrite.runtime;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.RmsPropUpdater;
import org.nd4j.linalg.learning.config.RmsProp;

/** RMSprop as libnd4j computes it: {@code s ← ρ·s + (1-ρ)·g²; update = lr·g / (√s + ε)}. */
final class DirectRmsProp extends DirectUpdater<RmsProp, RmsPropUpdater> {

    DirectRmsProp(RmsPropUpdater dl4j) {
        super(dl4j, 1);
    }

    @Override
    List<INDArray> state() {
        return List.of(dl4j.getLastGradient());
    }

    @Override
    float[] constants(int iteration, int epoch) {
        RmsProp config = dl4j.getConfig();
        return new float[] {
            (float) config.getLearningRate(iteration, epoch), (float) config.getRmsDecay(), (float) config.getEpsilon()
        };
    }

    @Override
    void step(float[][] chunks, int length, float[] constants) {
        float lr = constants[0];
        float decay = constants[1];
        float keep = 1 - decay;
        float epsilon = constants[2];
        float[] g = chunks[0];
        float[] s = chunks[1];
        for (int i = 0; i < length; i++) {
            s[i] = s[i] * decay + g[i] * g[i] * keep;
            g[i] = (lr * g[i]) / ((float) Math.sqrt(s[i]) + epsilon);
        }
    }
}
