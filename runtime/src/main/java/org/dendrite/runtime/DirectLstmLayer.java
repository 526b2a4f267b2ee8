package org.dendrite.runtime;

import java.nio.FloatBuffer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's LSTM layer (no peepholes, sigmoid gates, tanh), computed with a few large products instead
 * of some twenty ND4J operations per time step; configuration, parameters and saved form are DL4J's
 * {@code LSTM}'s, and its results equal DL4J's to float rounding (with dropout on the layer's input,
 * the masks are drawn in the layer's own layout, so a seeded run draws other masks than DL4J's).
 *
 * <p>DL4J's gate order per unit block is [a, f, o, g]: {@code a = tanh(z_a)} the candidate,
 * {@code f}, {@code o}, {@code g = σ(z)} the forget, output and input gates;
 * {@code c_t = f·c_{t-1} + g·a}, {@code h_t = o·tanh(c_t)}, with {@code z = x_t·W + h_{t-1}·RW + b}.
 * Here the input projections of all time steps are one {@code cblas_sgemm}, each step adds
 * {@code h_{t-1}·RW} with one more and runs its gates in one Java pass; backward, one product per
 * step carries the gradient to {@code h_{t-1}}, and the three weight gradients and the input's are
 * one product each over all steps. On Keras's imdb_lstm shape (batch 32, 80 steps, 128 units, AMD
 * EPYC, 2 cores) DL4J's step spent half its samples handing ~2,000 small operations between threads.
 *
 * <p>Takes float32 sequences in either layout ([batch, time, features], Keras's, or DL4J's
 * [batch, features, time]) without a mask and without stored state; anything else (masks,
 * {@code rnnTimeStep}, truncated BPTT, other activations, weight noise) goes to DL4J's own code.
 */
public final class DirectLstmLayer extends org.deeplearning4j.nn.layers.recurrent.LSTM {

    static {
        Dl4jVersion.expectedBy("DirectLstmLayer (LSTM through cblas_sgemm)");
    }

    private static final String W = LSTMParamInitializer.INPUT_WEIGHT_KEY;
    private static final String RW = LSTMParamInitializer.RECURRENT_WEIGHT_KEY;
    private static final String B = LSTMParamInitializer.BIAS_KEY;

    /** The input of the last training forward pass, whose working arrays the backward pass reads. */
    private transient INDArray forwardInput;

    /** Sizes of the arrays below: batch, input features, units, steps. */
    private transient int batch;

    private transient int features;
    private transient int units;
    private transient int steps;

    /** Time-major copies: inputs [steps·batch, features] and outputs h [steps·batch, units]. */
    private transient INDArray inputs;

    private transient INDArray outputs;

    /** The same backward: the gradients of the outputs and of the inputs. */
    private transient INDArray outputGradients;

    private transient INDArray inputGradients;

    /** [steps·batch, 4·units]: pre-activations, then the gates' values, then backward their deltas. */
    private transient INDArray gates;

    /** The gradient reaching {@code h_{t-1}} through {@code RW}, [batch, units]. */
    private transient INDArray recurrentGradient;

    /** Each step's rows of {@link #outputs} and {@link #gates}, views made once (3 µs each, 80 steps). */
    private transient INDArray[] outputSteps;

    private transient INDArray[] gateSteps;

    /** Cell states {@code c_t} and their tanh, time-major like {@link #outputs}. */
    private transient float[] cells;

    private transient float[] cellTanh;

    /** Takes over {@code layer}'s configuration, parameters and gradient views. */
    public DirectLstmLayer(org.deeplearning4j.nn.layers.recurrent.LSTM layer) {
        super(layer.conf(), layer.getParam(W).dataType());
        DirectLayers.takeOver(layer, this);
    }

    /** Whether DL4J's {@code layer} can be replaced by this class. */
    public static boolean supports(org.deeplearning4j.nn.layers.recurrent.LSTM layer) {
        org.deeplearning4j.nn.conf.layers.LSTM conf = layer.layerConf();
        return layer.getClass() == org.deeplearning4j.nn.layers.recurrent.LSTM.class
                && conf.getGateActivationFn() instanceof ActivationSigmoid
                && conf.getActivationFn() instanceof ActivationTanH
                && conf.getWeightNoise() == null
                && layer.getParam(W).dataType() == DataType.FLOAT;
    }

    private boolean direct(INDArray in) {
        return in != null
                && maskArray == null
                && in.rank() == 3
                && in.dataType() == DataType.FLOAT
                && in.size(channelsLast() ? 2 : 1) == getParam(W).size(0)
                && in.length() <= Integer.MAX_VALUE
                && in.size(0)
                                * in.size(channelsLast() ? 1 : 2)
                                * 4
                                * getParam(RW).size(0)
                        <= Integer.MAX_VALUE;
    }

    /** Whether sequences are [batch, time, features] (Keras's layout) rather than DL4J's [batch, features, time]. */
    private boolean channelsLast() {
        return layerConf().getRnnDataFormat() == RNNFormat.NWC;
    }

    /** {@code sequences} ([batch, …] in the layer's layout) as a [time, batch, values] view. */
    private INDArray timeMajor(INDArray sequences) {
        return channelsLast() ? sequences.permute(1, 0, 2) : sequences.permute(2, 0, 1);
    }

    /** A time-major array's contents as {@code [batch, values, time]} or, channels last, {@code [batch, time, values]}. */
    private INDArray layerOrder(INDArray timeMajor, int values) {
        INDArray steps3 = timeMajor.reshape('c', steps, batch, values);
        return channelsLast() ? steps3.permute(1, 0, 2) : steps3.permute(1, 2, 0);
    }

    /** A new array in the layer's layout for {@code values} per step, in the given workspace. */
    private INDArray sequences(LayerWorkspaceMgr workspaces, ArrayType type, int values) {
        return channelsLast()
                ? workspaces.createUninitialized(type, DataType.FLOAT, new long[] {batch, steps, values}, 'c')
                : workspaces.createUninitialized(type, DataType.FLOAT, new long[] {batch, values, steps}, 'f');
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        forwardInput = null;
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaces);
        if (!direct(input)) {
            return super.activate(training, workspaces);
        }
        forward();
        INDArray out = sequences(workspaces, ArrayType.ACTIVATIONS, units);
        out.assign(layerOrder(outputs, units));
        if (training) {
            forwardInput = input;
        }
        return out;
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaces) {
        setInput(input, workspaces);
        return activate(training, workspaces);
    }

    /** Runs the layer over {@link #input}, leaving every step's gates, cells and outputs in the working arrays. */
    private void forward() {
        size(input);
        inputs.reshape('c', steps, batch, features).assign(timeMajor(input));
        INDArray recurrent = getParam(RW);
        float[] bias = DenseMaths.values(getParam(B));
        DirectGemm.gemm(inputs, false, getParam(W), false, gates, 0f);
        FloatBuffer gateBuffer = gates.data().asNioFloat();
        FloatBuffer outputBuffer = outputs.data().asNioFloat();
        int width = 4 * units;
        float[] z = new float[batch * width];
        float[] h = new float[batch * units];
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                DirectGemm.gemm(outputSteps[t - 1], false, recurrent, false, gateSteps[t], 1f);
            }
            gateBuffer.get((int) gates.offset() + t * batch * width, z);
            for (int i = 0; i < batch; i++) {
                int row = i * width;
                int cell = (t * batch + i) * units;
                for (int j = 0; j < units; j++) {
                    float a = tanh(z[row + j] + bias[j]);
                    float f = DenseMaths.sigmoid(z[row + units + j] + bias[units + j]);
                    float o = DenseMaths.sigmoid(z[row + 2 * units + j] + bias[2 * units + j]);
                    float g = DenseMaths.sigmoid(z[row + 3 * units + j] + bias[3 * units + j]);
                    float previous = t == 0 ? 0f : cells[cell - batch * units + j];
                    float c = f * previous + g * a;
                    float tc = tanh(c);
                    cells[cell + j] = c;
                    cellTanh[cell + j] = tc;
                    h[i * units + j] = o * tc;
                    z[row + j] = a;
                    z[row + units + j] = f;
                    z[row + 2 * units + j] = o;
                    z[row + 3 * units + j] = g;
                }
            }
            gateBuffer.put((int) gates.offset() + t * batch * width, z);
            outputBuffer.put((int) outputs.offset() + t * batch * units, h);
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        boolean ours = forwardInput != null && forwardInput == input && direct(input) && epsilon.rank() == 3;
        forwardInput = null;
        if (!ours) {
            return super.backpropGradient(epsilon, workspaces);
        }
        INDArray weights = getParam(W);
        INDArray recurrent = getParam(RW);
        outputGradients.reshape('c', steps, batch, units).assign(timeMajor(epsilon));
        FloatBuffer e = outputGradients.data().asNioFloat();
        FloatBuffer gateBuffer = gates.data().asNioFloat();
        FloatBuffer carried = recurrentGradient.data().asNioFloat();
        int width = 4 * units;
        float[] z = new float[batch * width];
        float[] dh = new float[batch * units];
        float[] fromNext = new float[batch * units];
        float[] cellGradient = new float[batch * units];
        for (int t = steps - 1; t >= 0; t--) {
            e.get((int) outputGradients.offset() + t * batch * units, dh);
            if (t < steps - 1) {
                carried.get((int) recurrentGradient.offset(), fromNext);
                for (int k = 0; k < dh.length; k++) {
                    dh[k] += fromNext[k];
                }
            }
            gateBuffer.get((int) gates.offset() + t * batch * width, z);
            for (int i = 0; i < batch; i++) {
                int row = i * width;
                int cell = (t * batch + i) * units;
                for (int j = 0; j < units; j++) {
                    float a = z[row + j];
                    float f = z[row + units + j];
                    float o = z[row + 2 * units + j];
                    float g = z[row + 3 * units + j];
                    float tc = cellTanh[cell + j];
                    float previous = t == 0 ? 0f : cells[cell - batch * units + j];
                    float gradient = dh[i * units + j];
                    float dc = gradient * o * (1 - tc * tc) + cellGradient[i * units + j];
                    z[row + j] = dc * g * (1 - a * a);
                    z[row + units + j] = dc * previous * f * (1 - f);
                    z[row + 2 * units + j] = gradient * tc * o * (1 - o);
                    z[row + 3 * units + j] = dc * a * g * (1 - g);
                    cellGradient[i * units + j] = dc * f;
                }
            }
            gateBuffer.put((int) gates.offset() + t * batch * width, z);
            if (t > 0) {
                DirectGemm.gemm(gateSteps[t], false, recurrent, true, recurrentGradient, 0f);
            }
        }
        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(W);
        DirectGemm.gemm(inputs, true, gates, false, weightGradient, 0f);
        INDArray recurrentWeightGradient = gradientViews.get(RW);
        if (steps > 1) {
            DirectGemm.gemm(
                    rows(outputs, 0, steps - 1), true, rows(gates, 1, steps), false, recurrentWeightGradient, 0f);
        } else {
            recurrentWeightGradient.assign(0);
        }
        INDArray biasGradient = gradientViews.get(B);
        DenseMaths.columnSums(gates, biasGradient);
        gradient.gradientForVariable().put(W, weightGradient);
        gradient.gradientForVariable().put(RW, recurrentWeightGradient);
        gradient.gradientForVariable().put(B, biasGradient);

        DirectGemm.gemm(gates, false, weights, true, inputGradients, 0f);
        INDArray epsilonNext = sequences(workspaces, ArrayType.ACTIVATION_GRAD, features);
        epsilonNext.assign(layerOrder(inputGradients, features));
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
    }

    /** Steps {@code from..to}'s rows of a time-major array: a view, [(to - from)·batch, columns]. */
    private INDArray rows(INDArray timeMajor, int from, int to) {
        return timeMajor.get(NDArrayIndex.interval(from * batch, to * batch), NDArrayIndex.all());
    }

    /** Sizes the working arrays for {@code in}, keeping them while the sizes stay the same. */
    private void size(INDArray in) {
        int b = (int) in.size(0);
        int n = (int) in.size(channelsLast() ? 2 : 1);
        int u = (int) getParam(RW).size(0);
        int s = (int) in.size(channelsLast() ? 1 : 2);
        if (gates != null && b == batch && n == features && u == units && s == steps) {
            return;
        }
        batch = b;
        features = n;
        units = u;
        steps = s;
        inputs = Nd4j.createUninitializedDetached(DataType.FLOAT, (long) s * b, n);
        outputs = Nd4j.createUninitializedDetached(DataType.FLOAT, (long) s * b, u);
        gates = Nd4j.createUninitializedDetached(DataType.FLOAT, (long) s * b, 4L * u);
        outputGradients = Nd4j.createUninitializedDetached(DataType.FLOAT, (long) s * b, u);
        inputGradients = Nd4j.createUninitializedDetached(DataType.FLOAT, (long) s * b, n);
        recurrentGradient = Nd4j.createUninitializedDetached(DataType.FLOAT, b, u);
        cells = new float[s * b * u];
        cellTanh = new float[s * b * u];
        outputSteps = new INDArray[s];
        gateSteps = new INDArray[s];
        for (int t = 0; t < s; t++) {
            outputSteps[t] = rows(outputs, t, t + 1);
            gateSteps[t] = rows(gates, t, t + 1);
        }
    }

    /** tanh through one exponential, the JIT's fast one (Math.tanh is not an intrinsic). */
    private static float tanh(float x) {
        return (float) (1 - 2 / (Math.exp(2.0 * x) + 1));
    }

    @Override
    public void clear() {
        super.clear();
        forwardInput = null;
    }
}
