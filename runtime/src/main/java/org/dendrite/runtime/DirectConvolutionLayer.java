package org.dendrite.runtime;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's 2-D convolution layer without its second forward pass: DL4J's backward pass computes the
 * layer's convolution again, to get the pre-activations its activation's derivative needs. For
 * ReLU (and identity) the output kept from the training forward pass serves as well ({@code a > 0}
 * exactly where {@code z > 0}), so the backward pass takes it instead; everything else, the
 * convolutions forward and backward through oneDNN included, is DL4J's own code and results.
 * mnist_cnn, a step of 128 (AMD EPYC, 2 cores): see the README's Round 2.
 *
 * <p>Only where DL4J's helper (oneDNN on the CPU) runs the backward pass, the path that needs nothing
 * else from the forward pass, for DL4J's default [batch, channels, height, width] layout, and only in
 * a layer stack whose next layer may not change its input in place ({@link DirectLayers} sees to that:
 * a noise or dropout layer would otherwise write over the kept output); anything else is DL4J's code
 * as it stands.
 */
public final class DirectConvolutionLayer extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {

    static {
        Dl4jVersion.expectedBy("DirectConvolutionLayer (one convolution forward per step)");
    }

    /** The input and output of the last training forward pass, for the backward pass that follows. */
    private transient INDArray forwardInput;

    private transient INDArray forwardOutput;

    /** Takes over {@code layer}'s configuration, parameters and gradient views. */
    public DirectConvolutionLayer(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer layer) {
        super(layer.conf(), layer.getParam("W").dataType());
        DirectLayers.takeOver(layer, this);
    }

    /** Whether DL4J's {@code layer} can be replaced by this class. */
    public static boolean supports(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer layer) {
        var conf = layer.layerConf();
        return layer.getClass() == org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class
                && (conf.getActivationFn() instanceof ActivationIdentity || plainRelu(conf))
                && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && conf.getWeightNoise() == null;
    }

    private static boolean plainRelu(org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf) {
        return conf.getActivationFn() instanceof ActivationReLU relu
                && DenseMaths.Activation.of(relu) == DenseMaths.Activation.RELU;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        forwardInput = null;
        forwardOutput = null;
        INDArray out = super.activate(training, workspaces);
        if (training) {
            forwardInput = input;
            forwardOutput = out;
        }
        return out;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput4d(
            boolean training, boolean forBackprop, LayerWorkspaceMgr workspaces) {
        boolean kept =
                forBackprop && forwardOutput != null && forwardInput == input && helper != null && helperCountFail == 0;
        INDArray out = forwardOutput;
        forwardInput = null;
        forwardOutput = null;
        if (kept) {
            // the oneDNN path reads only the first: the output, standing in for the pre-activations
            return new Pair<>(out, null);
        }
        return super.preOutput4d(training, forBackprop, workspaces);
    }

    @Override
    public void clear() {
        super.clear();
        forwardInput = null;
        forwardOutput = null;
    }
}
