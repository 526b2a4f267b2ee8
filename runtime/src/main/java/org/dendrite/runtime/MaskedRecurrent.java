package org.dendrite.runtime;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J recurrent layer (LSTM, SimpleRnn, in the NWC layout) reading Keras's {@code Masking}: a
 * step whose features all equal {@code maskValue} is skipped, its state and output carried over
 * unchanged, as Keras's recurrent layers do. DL4J's own masking zeroes the state there instead,
 * which changes every output after a masked step.
 *
 * <p>The cell keeps its parameters, names and initialisers; the layer runs it on each sequence's
 * kept steps ({@link MaskedSteps}). The output is every step's ({@code returnSequences}) or the
 * last's, as Keras's {@code return_sequences} says. A Jackson bean so that it travels in DL4J's
 * JSON configuration and saved models.
 */
public final class MaskedRecurrent extends BaseWrapperLayer {

    private double maskValue;
    private boolean returnSequences;

    /** For Jackson. */
    public MaskedRecurrent() {}

    /**
     * @param cell            the recurrent layer, in the NWC layout
     * @param maskValue       the value of every feature of a masked step
     * @param returnSequences whether every step's output goes on, not only the last
     */
    public MaskedRecurrent(BaseRecurrentLayer cell, double maskValue, boolean returnSequences) {
        super(cell);
        if (cell.getRnnDataFormat() != RNNFormat.NWC) {
            throw new IllegalArgumentException("MaskedRecurrent reads steps in the NWC layout (batch, timesteps,"
                    + " features), received: dataFormat=" + cell.getRnnDataFormat());
        }
        this.maskValue = maskValue;
        this.returnSequences = returnSequences;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners,
            int layerIndex,
            INDArray parameters,
            boolean initializeParameters,
            DataType dataType) {
        NeuralNetConfiguration cellConf = conf.clone();
        cellConf.setLayer(((MaskedRecurrent) cellConf.getLayer()).getUnderlying());
        var cell = cellConf.getLayer()
                .instantiate(cellConf, listeners, layerIndex, parameters, initializeParameters, dataType);
        return new MaskedRecurrentLayer(cell, maskValue, returnSequences);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType sequences = underlying.getOutputType(layerIndex, inputType);
        return returnSequences
                ? sequences
                : InputType.feedForward(((InputType.InputTypeRecurrent) sequences).getSize());
    }

    public double getMaskValue() {
        return maskValue;
    }

    public void setMaskValue(double maskValue) {
        this.maskValue = maskValue;
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    public void setReturnSequences(boolean returnSequences) {
        this.returnSequences = returnSequences;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskedRecurrent other
                && super.equals(other)
                && Double.compare(maskValue, other.maskValue) == 0
                && returnSequences == other.returnSequences;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof MaskedRecurrent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), maskValue, returnSequences);
    }
}
