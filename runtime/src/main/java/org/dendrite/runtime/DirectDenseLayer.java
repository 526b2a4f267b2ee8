package org.dendrite.runtime;

import java.nio.FloatBuffer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's dense layer, computed with fewer, direct operations; its configuration, parameters and
 * saved form are DL4J's {@code DenseLayer}'s, and its results equal DL4J's to float rounding.
 *
 * <p>DL4J 1.0.0-M2.1 spends a Pima-sized training step mostly around its operations, not in them
 * (an ND4J op costs ~20 µs of bookkeeping, the arithmetic ~1 µs), and its dense layer also repeats
 * work: backprop computes the forward product again, and the first layer computes the gradient
 * of the network's input, which nobody reads during {@code fit}. Here:
 * <ul>
 * <li>forward: one {@code cblas_sgemm} into the output ({@link DirectGemm}), then the bias and the
 * activation in one pass;</li>
 * <li>backward: the activation's derivative from the output kept since the forward pass, the bias
 * gradient in the same pass, the weight gradient and the input gradient as two
 * {@code cblas_sgemm} calls into DL4J's gradient views; none for a layer told it has nobody below
 * ({@link #DirectDenseLayer(org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer, boolean)}),
 * which then returns no input gradient, as DL4J's embedding layer does.</li>
 * </ul>
 * Identity, ReLU, sigmoid and tanh (Keras's common activations) take this path, float32 only;
 * anything else (other activations, weight noise, layer norm, masks, another data type) goes to
 * DL4J's own code, as does a backward pass not preceded by this layer's training forward pass on
 * the same input.
 */
public final class DirectDenseLayer extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {

    static {
        Dl4jVersion.expectedBy("DirectDenseLayer (dense layers through cblas_sgemm)");
    }

    /** The activation computed here, or null for DL4J's own code. */
    private final DenseMaths.Activation kind;

    private final boolean inputGradient;

    /** The input and output of the last training forward pass, for the backward pass that follows. */
    private INDArray forwardInput;

    private INDArray forwardOutput;

    /** The intermediate result {@link #infer(INDArray, boolean)} reuses. */
    private transient INDArray scratch;

    /**
     * Takes over {@code layer}'s configuration, parameters and gradient views.
     *
     * @param inputGradient false for a first layer: the gradient of the network's input is not
     *                      computed and the backward pass returns none
     */
    public DirectDenseLayer(org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer layer, boolean inputGradient) {
        super(layer.conf(), layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType());
        DirectLayers.takeOver(layer, this);
        this.kind = activation(layerConf().getActivationFn());
        this.inputGradient = inputGradient;
    }

    /** Whether DL4J's {@code layer} can be replaced by this class. */
    public static boolean supports(org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer layer) {
        org.deeplearning4j.nn.conf.layers.DenseLayer conf = layer.layerConf();
        return layer.getClass() == org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class
                && activation(conf.getActivationFn()) != null
                && conf.hasBias()
                && conf.getWeightNoise() == null
                && !layer.hasLayerNorm()
                && layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType() == DataType.FLOAT;
    }

    /** The activation computed here: all of {@link DenseMaths.Activation}'s but softmax; null for DL4J's code. */
    private static DenseMaths.Activation activation(IActivation activation) {
        DenseMaths.Activation kind = DenseMaths.Activation.of(activation);
        return kind == DenseMaths.Activation.SOFTMAX ? null : kind;
    }

    /** Whether the given input takes the direct path. */
    private boolean direct(INDArray in) {
        return DirectGemm.takesRows(in, getParam(DefaultParamInitializer.WEIGHT_KEY), maskArray);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        forwardInput = null;
        forwardOutput = null;
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaces);
        if (!direct(input)) {
            return super.activate(training, workspaces);
        }
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray out = workspaces.createUninitialized(
                ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {input.size(0), weights.size(1)}, 'c');
        DenseMaths.forward(input, weights, getParam(DefaultParamInitializer.BIAS_KEY), kind, out);
        if (training) {
            forwardInput = input;
            forwardOutput = out;
        }
        return out;
    }

    /**
     * The layer's inference output for {@code x}, or null where {@code x} is not plain float rows: in
     * a new array if {@code keep}, else in one this layer reuses on its next such call (an
     * intermediate result the next layer reads at once: allocating it cost 2.5–18 µs for Pima's
     * 1,024 rows, the product 2 µs).
     */
    INDArray infer(INDArray x, boolean keep) {
        INDArray out = DenseMaths.infer(
                x,
                getParam(DefaultParamInitializer.WEIGHT_KEY),
                getParam(DefaultParamInitializer.BIAS_KEY),
                kind,
                keep ? null : scratch);
        if (!keep && out != null) {
            scratch = out;
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        INDArray out = forwardOutput;
        boolean ours = out != null && forwardInput == input && DirectGemm.fits(epsilon);
        forwardInput = null;
        forwardOutput = null;
        if (!ours) {
            return super.backpropGradient(epsilon, workspaces);
        }
        assertInputSet(true);
        INDArray delta = workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, out.shape(), 'c');
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        delta(out, epsilon, delta);
        DenseMaths.columnSums(delta, biasGradient);
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        DirectGemm.gemm(input, true, delta, false, weightGradient, 0f);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        INDArray epsilonNext = null;
        if (inputGradient) {
            INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
            epsilonNext = workspaces.createUninitialized(
                    ArrayType.ACTIVATION_GRAD, DataType.FLOAT, new long[] {input.size(0), weights.size(0)}, 'c');
            DirectGemm.gemm(delta, false, weights, true, epsilonNext, 0f);
            epsilonNext = backpropDropOutIfPresent(epsilonNext);
        }
        return new Pair<>(gradient, epsilonNext);
    }

    /** {@code delta = epsilon ⊙ activation'(out)}, from the activation's output, some rows at a time. */
    private void delta(INDArray out, INDArray epsilon, INDArray delta) {
        int rows = (int) out.size(0);
        int columns = (int) out.size(1);
        FloatBuffer o = out.data().asNioFloat();
        DenseMaths.Strided e = DenseMaths.Strided.of(epsilon);
        FloatBuffer d = delta.data().asNioFloat();
        int oBase = (int) out.offset();
        int dBase = (int) delta.offset();
        int perChunk = DenseMaths.rowsPerChunk(columns);
        float[] a = new float[Math.min(rows, perChunk) * columns];
        float[] g = new float[a.length];
        for (int first = 0; first < rows; first += perChunk) {
            int n = Math.min(perChunk, rows - first) * columns;
            o.get(oBase + first * columns, a, 0, n);
            e.rows(first, n / columns, columns, g);
            derivative(a, g, n);
            d.put(dBase + first * columns, g, 0, n);
        }
    }

    /** {@code g[..n) ⊙= activation'} at the outputs {@code a}; each activation its own loop, as in DenseMaths. */
    private void derivative(float[] a, float[] g, int n) {
        switch (kind) {
            case IDENTITY -> {}
            case RELU -> {
                // DL4J's a > 0 ? g : 0 without a branch, which mispredicts on half the values (200 → 18 µs a
                // 128×512 pass, measured): a is +0, positive or NaN here (DenseMaths' ReLU), so its bits as an int
                // are positive when a > 0 (or NaN), minus them has its sign bit set, and shifting that across the
                // word masks g's bits to +0 (never a NaN from 0 · ∞) or keeps them.
                for (int j = 0; j < n; j++) {
                    g[j] = Float.intBitsToFloat(
                            Float.floatToRawIntBits(g[j]) & ((-Float.floatToRawIntBits(a[j])) >> 31));
                }
            }
            case SIGMOID -> {
                for (int j = 0; j < n; j++) {
                    g[j] = g[j] * a[j] * (1 - a[j]);
                }
            }
            case TANH -> {
                for (int j = 0; j < n; j++) {
                    g[j] = g[j] * (1 - a[j] * a[j]);
                }
            }
            case SOFTMAX -> throw new IllegalStateException("not a hidden activation here");
        }
    }

    @Override
    public void clear() {
        super.clear();
        forwardInput = null;
        forwardOutput = null;
    }
}
