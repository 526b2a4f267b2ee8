package org.dendrite.regularizers;

import java.io.Serializable;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.dendrite.layers.options.LayerOption;

/**
 * A penalty on the size of weights added to the loss, as in {@code keras.regularizers}:
 * {@code loss += l1·Σ|w| + l2·Σw²}. Large weights make a network fit noise; the penalty pulls
 * them towards zero.
 *
 * <p>DL4J's L2 term is {@code 0.5·l2·Σw²}; this class is the one place that translates, passing
 * DL4J twice Keras's {@code l2} so that the loss is Keras's.
 */
public record Regularizer(double l1, double l2) implements LayerOption, Serializable {

    public Regularizer {
        if (!(l1 >= 0) || !(l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException(
                    "regulariser factors must be finite and ≥ 0, received l1=" + l1 + ", l2=" + l2);
        }
    }

    /** The same penalty on the layer's biases rather than its kernel (Keras's {@code bias_regularizer}). */
    public BiasRegularizer onBias() {
        return new BiasRegularizer(this);
    }

    /** Sets this penalty on a DL4J layer's kernel. */
    public void applyToKernel(BaseLayer.Builder<?> layer) {
        layer.l1(l1).l2(2 * l2);
    }

    /** Sets this penalty on a DL4J layer's biases. */
    public void applyToBias(BaseLayer.Builder<?> layer) {
        layer.l1Bias(l1).l2Bias(2 * l2);
    }

    @Override
    public String toString() {
        if (l1 == 0) {
            return "l2(" + l2 + ")";
        }
        return l2 == 0 ? "l1(" + l1 + ")" : "l1l2(" + l1 + ", " + l2 + ")";
    }

    /** A regulariser that applies to a layer's biases. */
    public record BiasRegularizer(Regularizer penalty) implements LayerOption, Serializable {
        @Override
        public String toString() {
            return penalty + ".onBias()";
        }
    }
}
