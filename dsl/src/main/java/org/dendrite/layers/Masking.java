package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.dendrite.runtime.MaskedRecurrent;
import org.nd4j.linalg.activations.Activation;

/**
 * Marks the padding of sequences {@code (timesteps, features)}: a step whose features all equal
 * {@code maskValue} is masked, and the recurrent layer right after this one (LSTM or SimpleRNN)
 * skips it as Keras's do, carrying its state and output over the step unchanged; a sequence masked
 * whole gives zeros. Sequences of different lengths can so share a batch, padded to one length.
 *
 * <p>Where DL4J differs: its own masking zeroes a recurrent layer's state at a masked step, so the
 * recurrent layer after a Masking layer compiles to Dendrite's {@link MaskedRecurrent}, and the
 * Masking layer itself to an identity layer that hands the steps on unchanged (Keras's zeroes the
 * masked steps, which the recurrent layer skips either way). Keras passes the mask on past a
 * recurrent layer that returns sequences; Dendrite does not, so none may follow such a layer.
 *
 * @param maskValue the value of every feature of a masked step (Keras's {@code mask_value}), not NaN
 */
public record Masking(double maskValue) implements Layer {

    public Masking {
        if (Double.isNaN(maskValue)) {
            throw new IllegalArgumentException("Masking expects a mask value that is a number, received NaN");
        }
    }

    @Override
    public String kind() {
        return "Masking";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return new ActivationLayer.Builder().activation(Activation.IDENTITY).build();
    }

    /**
     * {@code next}, the layer this one feeds, as DL4J computes it reading this mask.
     *
     * @throws IllegalArgumentException if {@code next} is not a recurrent layer
     */
    public org.deeplearning4j.nn.conf.layers.Layer maskedDl4j(Layer next) {
        if (next instanceof LSTM lstm) {
            return new MaskedRecurrent(lstm.cell(), maskValue, lstm.returnSequences());
        }
        if (next instanceof SimpleRNN rnn) {
            return new MaskedRecurrent(rnn.cell(), maskValue, rnn.returnSequences());
        }
        throw new IllegalArgumentException("Masking feeds " + next
                + ": a Masking layer must come right before an LSTM or SimpleRNN, the layers that read its mask");
    }

    /** The shape is unchanged. */
    @Override
    public long[] outputShape(long[] input) {
        Shapes.requireSequence(kind(), input);
        return input.clone();
    }

    @Override
    public String toString() {
        return "Masking(" + maskValue + ")";
    }
}
