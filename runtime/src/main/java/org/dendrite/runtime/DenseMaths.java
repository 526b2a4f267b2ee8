package org.dendrite.runtime;

import java.nio.FloatBuffer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arithmetic of {@link DirectDenseLayer} and {@link DirectOutputLayer}: the product through
 * {@link DirectGemm}, the element-wise passes as plain loops over rows copied out of the arrays'
 * memory and back (no ND4J op per pass; loops over Java arrays are what the JIT vectorises).
 * Arrays written here are c-ordered and contiguous (the layers create them so); arrays read
 * may have any strides.
 */
final class DenseMaths {

    private DenseMaths() {}

    /** The activations computed here, as DL4J computes them. */
    enum Activation {
        IDENTITY,
        RELU,
        SIGMOID,
        TANH,
        SOFTMAX;

        /** DL4J's activation as one of these, or null when it is not one (or has parameters). */
        static Activation of(IActivation activation) {
            if (activation instanceof ActivationReLU relu) {
                boolean plain = (relu.getMax() == null || relu.getMax().isInfinite())
                        && (relu.getThreshold() == null || relu.getThreshold() == 0)
                        && (relu.getNegativeSlope() == null || relu.getNegativeSlope() == 0);
                return plain ? RELU : null;
            }
            if (activation instanceof ActivationIdentity) {
                return IDENTITY;
            }
            if (activation instanceof ActivationSigmoid) {
                return SIGMOID;
            }
            if (activation instanceof ActivationSoftmax) {
                return SOFTMAX;
            }
            return activation instanceof ActivationTanH ? TANH : null;
        }
    }

    /** {@code out = activation(input · weights + bias)}; {@code out} c-ordered, rows × units. */
    static void forward(INDArray input, INDArray weights, INDArray bias, Activation activation, INDArray out) {
        DirectGemm.gemm(input, false, weights, false, out, 0f);
        int rows = (int) out.size(0);
        int columns = (int) out.size(1);
        FloatBuffer o = out.data().asNioFloat();
        int base = (int) out.offset();
        float[] b = bias.toFloatVector();
        float[] z = new float[columns];
        for (int i = 0; i < rows; i++) {
            int row = base + i * columns;
            o.get(row, z, 0, columns);
            activate(z, b, activation);
            o.put(row, z, 0, columns);
        }
    }

    /**
     * One row, {@code z = activation(z + b)}, in a Java array: each activation its own loop, which the
     * JIT turns into vector instructions where it can (identity, ReLU: 232 → 8 µs for a 128×512
     * pass through the buffer element by element, measured).
     */
    private static void activate(float[] z, float[] b, Activation activation) {
        switch (activation) {
            case IDENTITY -> {
                for (int j = 0; j < z.length; j++) {
                    z[j] += b[j];
                }
            }
            case RELU -> {
                // max(-0, 0) is +0: an output is positive exactly where its bits are (DirectDenseLayer's delta)
                for (int j = 0; j < z.length; j++) {
                    z[j] = Math.max(z[j] + b[j], 0f);
                }
            }
            case SIGMOID -> {
                for (int j = 0; j < z.length; j++) {
                    z[j] = sigmoid(z[j] + b[j]);
                }
            }
            case TANH -> {
                for (int j = 0; j < z.length; j++) {
                    z[j] = (float) Math.tanh(z[j] + b[j]);
                }
            }
            case SOFTMAX -> softmax(z, b);
        }
    }

    static float sigmoid(float z) {
        return (float) (1 / (1 + Math.exp(-z)));
    }

    /** One row's softmax, of its values plus the bias, shifted by their maximum as libnd4j does. */
    private static void softmax(float[] z, float[] b) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < z.length; j++) {
            z[j] += b[j];
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            z[j] = (float) Math.exp(z[j] - max);
            sum += z[j];
        }
        for (int j = 0; j < z.length; j++) {
            z[j] = (float) (z[j] / sum);
        }
    }

    /** A matrix with any strides, read element by element (layout looked up once, not per element). */
    record Strided(FloatBuffer data, int base, int rowStride, int columnStride) {

        static Strided of(INDArray matrix) {
            return new Strided(
                    matrix.data().asNioFloat(), (int) matrix.offset(), (int) matrix.stride(0), (int) matrix.stride(1));
        }

        float get(int i, int j) {
            return data.get(base + i * rowStride + j * columnStride);
        }

        /** Row {@code i} copied into {@code into}, in one copy where the row's values lie side by side. */
        void row(int i, float[] into) {
            if (columnStride == 1) {
                data.get(base + i * rowStride, into, 0, into.length);
            } else {
                for (int j = 0; j < into.length; j++) {
                    into[j] = get(i, j);
                }
            }
        }
    }

    /** The column sums of c-ordered {@code delta} written into {@code into} (a row, any stride). */
    static void columnSums(INDArray delta, INDArray into) {
        int rows = (int) delta.size(0);
        int columns = (int) delta.size(1);
        FloatBuffer d = delta.data().asNioFloat();
        int base = (int) delta.offset();
        double[] sums = new double[columns];
        float[] row = new float[columns];
        for (int i = 0; i < rows; i++) {
            d.get(base + i * columns, row, 0, columns);
            for (int j = 0; j < columns; j++) {
                sums[j] += row[j];
            }
        }
        FloatBuffer b = into.data().asNioFloat();
        int bBase = (int) into.offset();
        int bStride = (int) into.stride(into.rank() - 1);
        for (int j = 0; j < columns; j++) {
            b.put(bBase + j * bStride, (float) sums[j]);
        }
    }
}
