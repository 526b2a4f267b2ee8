package org.dendrite.runtime;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * DL4J's output layer for Keras's two classifier heads, sigmoid with binary cross-entropy and
 * softmax with categorical cross-entropy, computed as {@link DirectDenseLayer} computes a dense
 * layer; configuration, parameters and saved form stay DL4J's {@code OutputLayer}'s, results equal
 * DL4J's to float rounding.
 *
 * <p>During a training step DL4J computes this layer's product twice (for the gradient, then for
 * the score) and the loss in about twenty ND4J ops. Here one pass computes the output, the
 * gradient of the loss (DL4J's formulas: {@code (a - y) / (a(1 - a)) · σ'(z)} with {@code a}
 * clipped as DL4J clips it; {@code softmax(z) - y}) and the score, which {@link #computeScore}
 * then returns without computing anything. Any other loss or activation, loss weights, masks
 * (Dendrite's sample weights) or another data type go to DL4J's own code.
 */
public final class DirectOutputLayer extends org.deeplearning4j.nn.layers.OutputLayer {

    static {
        Dl4jVersion.expectedBy("DirectOutputLayer (classifier heads through cblas_sgemm)");
    }

    private final DenseMaths.Activation kind;

    /** The loss's clipping of {@code a} (binary cross-entropy's {@code clipEps}, softmax's {@code softmaxClipEps}). */
    private final double clip;

    /** The summed loss of the last backward pass, and what it was computed from. */
    private double lossSum = Double.NaN;

    private INDArray lossInput;
    private INDArray lossLabels;

    /** Takes over {@code layer}'s configuration, parameters and gradient views. */
    public DirectOutputLayer(org.deeplearning4j.nn.layers.OutputLayer layer) {
        super(layer.conf(), layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType());
        DirectLayers.takeOver(layer, this);
        this.kind = DenseMaths.Activation.of(layerConf().getActivationFn());
        ILossFunction loss = loss(layerConf().getLossFn());
        this.clip = loss instanceof LossBinaryXENT x ? x.getClipEps() : ((LossMCXENT) loss).getSoftmaxClipEps();
    }

    /** Whether DL4J's {@code layer} can be replaced by this class. */
    public static boolean supports(org.deeplearning4j.nn.layers.OutputLayer layer) {
        ILossFunction loss = loss(layer.layerConf().getLossFn());
        DenseMaths.Activation activation =
                DenseMaths.Activation.of(layer.layerConf().getActivationFn());
        boolean head = (loss instanceof LossBinaryXENT x
                        && x.getWeights() == null
                        && activation == DenseMaths.Activation.SIGMOID)
                || (loss != null
                        && loss.getClass() == LossMCXENT.class
                        && ((LossMCXENT) loss).getWeights() == null
                        && activation == DenseMaths.Activation.SOFTMAX);
        return layer.getClass() == org.deeplearning4j.nn.layers.OutputLayer.class
                && head
                && layer.layerConf().getWeightNoise() == null
                && layer.layerConf().hasBias()
                && layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType() == DataType.FLOAT;
    }

    /** The loss under Dendrite's {@link WeightedExamples} (which only acts on masks), or null. */
    private static ILossFunction loss(ILossFunction loss) {
        ILossFunction inner = loss instanceof WeightedExamples w ? w.getOf() : loss;
        return inner instanceof LossBinaryXENT || inner instanceof LossMCXENT ? inner : null;
    }

    private boolean direct(INDArray in) {
        return DirectGemm.takesRows(in, getParam(DefaultParamInitializer.WEIGHT_KEY), maskArray);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaces);
        if (!direct(input)) {
            return super.activate(training, workspaces);
        }
        return output(workspaces);
    }

    /** The layer's inference output for {@code x} in a new array, or null where {@code x} is not plain float rows. */
    INDArray infer(INDArray x) {
        return DenseMaths.infer(
                x,
                getParam(DefaultParamInitializer.WEIGHT_KEY),
                getParam(DefaultParamInitializer.BIAS_KEY),
                kind,
                null);
    }

    private INDArray output(LayerWorkspaceMgr workspaces) {
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray out = workspaces.createUninitialized(
                ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {input.size(0), weights.size(1)}, 'c');
        DenseMaths.forward(input, weights, getParam(DefaultParamInitializer.BIAS_KEY), kind, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        lossInput = null;
        lossLabels = null;
        assertInputSet(true);
        applyDropOutIfNecessary(true, workspaces);
        if (!direct(input)
                || labels == null
                || labels.dataType() != DataType.FLOAT
                || labels.rank() != 2
                || !Arrays.equals(labels.shape(), preOutputShape())) {
            return super.backpropGradient(epsilon, workspaces);
        }
        INDArray delta =
                workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, preOutputShape(), 'c');
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        DenseMaths.forward(input, weights, getParam(DefaultParamInitializer.BIAS_KEY), kind, delta);
        lossSum = deltaAndLoss(delta);
        lossInput = input;
        lossLabels = labels;

        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        DirectGemm.gemm(input, true, delta, false, weightGradient, 0f);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        DenseMaths.columnSums(delta, biasGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);

        INDArray epsilonNext = workspaces.createUninitialized(
                ArrayType.ACTIVATION_GRAD, DataType.FLOAT, new long[] {input.size(0), weights.size(0)}, 'c');
        DirectGemm.gemm(delta, false, weights, true, epsilonNext, 0f);
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
    }

    private long[] preOutputShape() {
        return new long[] {
            input.size(0), getParam(DefaultParamInitializer.WEIGHT_KEY).size(1)
        };
    }

    /**
     * Turns the output {@code a}, in place, into the loss's gradient with respect to the
     * pre-activations, DL4J's way, and returns the summed loss ({@code -Σ score array}).
     */
    private double deltaAndLoss(INDArray delta) {
        int rows = (int) delta.size(0);
        int columns = (int) delta.size(1);
        FloatBuffer d = delta.data().asNioFloat();
        DenseMaths.Strided y = DenseMaths.Strided.of(labels);
        int base = (int) delta.offset();
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                int at = base + i * columns + j;
                float a = d.get(at);
                float label = y.get(i, j);
                if (kind == DenseMaths.Activation.SIGMOID) {
                    float clipped = (float) Math.min(Math.max(a, clip), 1 - clip);
                    loss += Math.log(clipped) * label + Math.log(1 - clipped) * (1 - label);
                    d.put(at, (clipped - label) / (clipped * (1 - clipped)) * (a * (1 - a)));
                } else {
                    float clipped = (float) Math.min(Math.max(a, clip), 1 - clip);
                    loss += Math.log(clip > 0 ? clipped : a) * label;
                    d.put(at, a - label);
                }
            }
        }
        return -loss;
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaces) {
        if (!training || lossInput == null || lossInput != input || lossLabels != labels) {
            return super.computeScore(fullNetRegTerm, training, workspaces);
        }
        lossInput = null;
        lossLabels = null;
        double score = lossSum;
        if (conf().isMiniBatch()) {
            score /= getInputMiniBatchSize();
        }
        this.score = score + fullNetRegTerm;
        return this.score;
    }

    @Override
    public void clear() {
        super.clear();
        lossInput = null;
        lossLabels = null;
    }
}
