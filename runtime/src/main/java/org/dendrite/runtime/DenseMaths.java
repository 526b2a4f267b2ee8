package org.dendrite.runtime;

import java.nio.FloatBuffer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        float[] b = values(bias);
        int perChunk = rowsPerChunk(columns);
        float[] z = new float[Math.min(rows, perChunk) * columns];
        float[] tiled = tile(b, z.length);
        for (int first = 0; first < rows; first += perChunk) {
            int count = Math.min(perChunk, rows - first);
            int at = base + first * columns;
            o.get(at, z, 0, count * columns);
            activate(z, count * columns, tiled, b, activation);
            o.put(at, z, 0, count * columns);
        }
    }

    /** A vector's values: one bulk copy where they lie side by side (0.1 µs for 12, against 1–5 through ND4J). */
    static float[] values(INDArray vector) {
        if (vector.elementWiseStride() != 1 || vector.dataType() != DataType.FLOAT) {
            return vector.toFloatVector();
        }
        float[] values = new float[(int) vector.length()];
        vector.data().asNioFloat().get((int) vector.offset(), values);
        return values;
    }

    /**
     * {@code activation(x · weights + bias)}, in {@code reuse} where it has the result's shape, else in
     * a new array; null where {@code x} is not plain float rows as wide as the weights are tall.
     */
    static INDArray infer(INDArray x, INDArray weights, INDArray bias, Activation activation, INDArray reuse) {
        if (!DirectGemm.takesRows(x, weights, null)) {
            return null;
        }
        long rows = x.size(0);
        long units = weights.size(1);
        INDArray out = reuse != null && reuse.size(0) == rows && reuse.size(1) == units
                ? reuse
                : Nd4j.createUninitialized(DataType.FLOAT, rows, units);
        forward(x, weights, bias, activation, out);
        return out;
    }

    /**
     * How many rows of {@code columns} values a pass copies into a Java array at a time: whole rows,
     * about 4,096 values (Pima's 1,024 rows of 12 in three copies instead of 1,024).
     */
    static int rowsPerChunk(int columns) {
        return Math.max(1, 4096 / Math.max(columns, 1));
    }

    /** {@code row} repeated to fill {@code length} values (a whole number of rows). */
    private static float[] tile(float[] row, int length) {
        float[] tiled = new float[length];
        System.arraycopy(row, 0, tiled, 0, Math.min(row.length, length));
        for (int filled = row.length; filled < length; filled *= 2) {
            System.arraycopy(tiled, 0, tiled, filled, Math.min(filled, length - filled));
        }
        return tiled;
    }

    /**
     * {@code z[..n) = activation(z + bias)}, whole rows, with the bias tiled to their length: each
     * activation one flat loop, which the JIT turns into vector instructions where it can, however
     * narrow the rows (identity, ReLU: 232 → 8 µs for a 128×512 pass through the buffer element by
     * element; Pima's batch of 1,024 predicted in ~30 instead of ~45 µs; measured).
     */
    private static void activate(float[] z, int n, float[] tiled, float[] bias, Activation activation) {
        switch (activation) {
            case IDENTITY -> {
                for (int k = 0; k < n; k++) {
                    z[k] += tiled[k];
                }
            }
            case RELU -> {
                // max(-0, 0) is +0: an output is positive exactly where its bits are (DirectDenseLayer's delta)
                for (int k = 0; k < n; k++) {
                    z[k] = Math.max(z[k] + tiled[k], 0f);
                }
            }
            case SIGMOID -> {
                for (int k = 0; k < n; k++) {
                    z[k] = sigmoid(z[k] + tiled[k]);
                }
            }
            case TANH -> {
                for (int k = 0; k < n; k++) {
                    z[k] = (float) Math.tanh(z[k] + tiled[k]);
                }
            }
            case SOFTMAX -> {
                for (int at = 0; at < n; at += bias.length) {
                    softmax(z, at, bias);
                }
            }
        }
    }

    static float sigmoid(float z) {
        return (float) (1 / (1 + Math.exp(-z)));
    }

    /** One row's softmax, of its values plus the bias, shifted by their maximum as libnd4j does. */
    private static void softmax(float[] z, int from, float[] b) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < b.length; j++) {
            z[from + j] += b[j];
            max = Math.max(max, z[from + j]);
        }
        double sum = 0;
        for (int j = 0; j < b.length; j++) {
            z[from + j] = (float) Math.exp(z[from + j] - max);
            sum += z[from + j];
        }
        for (int j = 0; j < b.length; j++) {
            z[from + j] = (float) (z[from + j] / sum);
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

        /**
         * Rows {@code first..first+count} of {@code columns} values copied into {@code into}, one row
         * after the other: in one copy where they lie so already.
         */
        void rows(int first, int count, int columns, float[] into) {
            if (columnStride == 1 && (rowStride == columns || count == 1)) {
                data.get(base + first * rowStride, into, 0, count * columns);
                return;
            }
            for (int r = 0; r < count; r++) {
                for (int j = 0; j < columns; j++) {
                    into[r * columns + j] = get(first + r, j);
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
        int perChunk = rowsPerChunk(columns);
        float[] chunk = new float[Math.min(rows, perChunk) * columns];
        for (int first = 0; first < rows; first += perChunk) {
            int count = Math.min(perChunk, rows - first);
            d.get(base + first * columns, chunk, 0, count * columns);
            for (int r = 0; r < count; r++) {
                for (int j = 0; j < columns; j++) {
                    sums[j] += chunk[r * columns + j];
                }
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
