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
 * {@link DirectGemm}, the element-wise passes as plain loops over the arrays' memory (no ND4J op per
 * pass). Arrays written here are c-ordered and contiguous (the layers create them so); arrays read
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
        for (int i = 0; i < rows; i++) {
            int row = base + i * columns;
            if (activation == Activation.SOFTMAX) {
                softmaxRow(o, row, columns, b);
                continue;
            }
            for (int j = 0; j < columns; j++) {
                float z = o.get(row + j) + b[j];
                o.put(
                        row + j,
                        switch (activation) {
                            case IDENTITY -> z;
                            case RELU -> z > 0 ? z : 0f;
                            case SIGMOID -> sigmoid(z);
                            case TANH -> (float) Math.tanh(z);
                            case SOFTMAX -> throw new IllegalStateException("row-wise");
                        });
            }
        }
    }

    static float sigmoid(float z) {
        return (float) (1 / (1 + Math.exp(-z)));
    }

    /** One row's softmax, of its values plus the bias, shifted by their maximum as libnd4j does. */
    private static void softmaxRow(FloatBuffer o, int row, int columns, float[] b) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < columns; j++) {
            float z = o.get(row + j) + b[j];
            o.put(row + j, z);
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int j = 0; j < columns; j++) {
            float e = (float) Math.exp(o.get(row + j) - max);
            o.put(row + j, e);
            sum += e;
        }
        for (int j = 0; j < columns; j++) {
            o.put(row + j, (float) (o.get(row + j) / sum));
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
    }

    /** The column sums of c-ordered {@code delta} written into {@code into} (a row, any stride). */
    static void columnSums(INDArray delta, INDArray into) {
        int rows = (int) delta.size(0);
        int columns = (int) delta.size(1);
        FloatBuffer d = delta.data().asNioFloat();
        int base = (int) delta.offset();
        double[] sums = new double[columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                sums[j] += d.get(base + i * columns + j);
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
