package org.dendrite.runtime;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam as libnd4j computes it: {@code m ← β₁·m + (1-β₁)·g; v ← β₂·v + (1-β₂)·g²;
 * update = m·α_t / (√v + ε)}, where {@code α_t = lr·√(1-β₂ᵗ) / (1-β₁ᵗ)} at step {@code t} (from 1).
 */
final class DirectAdam extends DirectUpdater<Adam, AdamUpdater> {

    DirectAdam(AdamUpdater dl4j) {
        super(dl4j, 2);
    }

    /** The first moment, then the second: the order {@link #step} takes them. */
    @Override
    List<INDArray> state() {
        return List.of(dl4j.getM(), dl4j.getV());
    }

    @Override
    float[] constants(int iteration, int epoch) {
        Adam config = dl4j.getConfig();
        float lr = (float) config.getLearningRate(iteration, epoch);
        float beta1 = (float) config.getBeta1();
        float beta2 = (float) config.getBeta2();
        float epsilon = (float) config.getEpsilon();
        float t = iteration + 1;
        float beta1T = (float) Math.pow(beta1, t);
        float beta2T = (float) Math.pow(beta2, t);
        // libnd4j's own mix of float and double steps, so that the step size rounds as it does there
        float stepSize = (float) ((lr * (float) Math.sqrt((float) (1.0 - beta2T))) / (1.0 - beta1T));
        if (Float.isNaN(stepSize) || Float.isInfinite(stepSize) || stepSize == 0) {
            stepSize = epsilon;
        }
        return new float[] {beta1, beta2, epsilon, stepSize};
    }

    @Override
    void step(float[][] chunks, int length, float[] constants) {
        float beta1 = constants[0];
        float beta2 = constants[1];
        float keep1 = 1 - beta1;
        float keep2 = 1 - beta2;
        float epsilon = constants[2];
        float stepSize = constants[3];
        float[] g = chunks[0];
        float[] m = chunks[1];
        float[] v = chunks[2];
        for (int i = 0; i < length; i++) {
            m[i] = beta1 * m[i] + g[i] * keep1;
            v[i] = beta2 * v[i] + g[i] * g[i] * keep2;
            g[i] = (m[i] * stepSize) / ((float) Math.sqrt(v[i]) + epsilon);
        }
    }
}
