package org.dendrite.runtime;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link MaskedRecurrent} at work: each forward pass finds the masked steps of its input, runs the
 * cell on the kept ones, packed, and puts the outputs where Keras has them; the backward pass moves
 * the gradients the same way back. The cell sees no DL4J mask.
 */
final class MaskedRecurrentLayer extends BaseWrapperLayer {

    private final double maskValue;
    private final boolean returnSequences;
    private INDArray input;
    private MaskedSteps steps;

    MaskedRecurrentLayer(Layer cell, double maskValue, boolean returnSequences) {
        super(cell);
        Dl4jVersion.expectedBy("MaskedRecurrent (DL4J's wrapper layers, its recurrent layers' NWC layout)");
        this.maskValue = maskValue;
        this.returnSequences = returnSequences;
    }

    @Override
    public Type type() {
        return returnSequences ? Type.RECURRENT : Type.FEED_FORWARD;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaces) {
        this.input = workspaces.leverageTo(ArrayType.INPUT, input);
    }

    @Override
    public INDArray input() {
        return input;
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaces) {
        setInput(input, workspaces);
        return activate(training, workspaces);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        steps = MaskedSteps.of(input, maskValue);
        underlying.setMaskArray(null);
        INDArray packed = underlying.activate(steps.pack(input, workspaces, ArrayType.INPUT), training, workspaces);
        return steps.outputs(packed, returnSequences, workspaces);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        Pair<Gradient, INDArray> cell =
                underlying.backpropGradient(steps.outputGradient(epsilon, returnSequences, workspaces), workspaces);
        return new Pair<>(cell.getFirst(), steps.inputGradient(cell.getSecond(), workspaces));
    }

    /** The mask is the input's own; none goes on (Keras's would, with every step's output: refused before). */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(
            INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public void clear() {
        super.clear();
        input = null;
        steps = null;
    }
}
