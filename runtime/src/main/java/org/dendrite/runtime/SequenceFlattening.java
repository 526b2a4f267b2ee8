package org.dendrite.runtime;

import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Keras's {@code Flatten} on sequences: {@code (batch, timesteps, features)} in DL4J's NWC layout
 * becomes {@code (batch, timesteps·features)}, step after step as Keras orders it. DL4J's own
 * recurrent-to-dense preprocessor instead turns each step into a row of its own, so a dense layer
 * after it would answer once per step. The sequence's mask ends here, as it does at Keras's
 * Flatten. A Jackson bean so that it travels in DL4J's JSON configuration and saved models.
 */
public final class SequenceFlattening implements InputPreProcessor {

    private long timesteps;
    private long features;

    /** For Jackson. */
    public SequenceFlattening() {}

    public SequenceFlattening(long timesteps, long features) {
        this.timesteps = timesteps;
        this.features = features;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        check(input);
        if (input.ordering() != 'c' || !Shape.hasDefaultStridesForShape(input)) {
            input = workspaceMgr.dup(ArrayType.ACTIVATIONS, input, 'c');
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input.reshape('c', input.size(0), timesteps * features));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (output.ordering() != 'c' || !Shape.hasDefaultStridesForShape(output)) {
            output = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output, 'c');
        }
        return workspaceMgr.leverageTo(
                ArrayType.ACTIVATION_GRAD, output.reshape('c', output.size(0), timesteps, features));
    }

    private void check(INDArray input) {
        if (input.rank() != 3 || input.size(1) != timesteps || input.size(2) != features) {
            throw new IllegalStateException("Flatten expects sequences of shape (batch, " + timesteps + ", " + features
                    + "), received " + Arrays.toString(input.shape()));
        }
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.feedForward(timesteps * features);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(
            INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public SequenceFlattening clone() {
        return new SequenceFlattening(timesteps, features);
    }

    public long getTimesteps() {
        return timesteps;
    }

    public void setTimesteps(long timesteps) {
        this.timesteps = timesteps;
    }

    public long getFeatures() {
        return features;
    }

    public void setFeatures(long features) {
        this.features = features;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceFlattening other && timesteps == other.timesteps && features == other.features;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timesteps) * 31 + Long.hashCode(features);
    }

    @Override
    public String toString() {
        return "SequenceFlattening(" + timesteps + ", " + features + ")";
    }
}
