package org.dendrite.runtime;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which steps of a batch of sequences {@code (batch, timesteps, features)} Keras's {@code Masking}
 * masks (every feature equal to the mask value), and the moves that make a plain recurrent layer
 * skip them: the kept steps packed to the front of each sequence, in order, and the outputs of the
 * packed run put back where Keras has them (a masked step repeats the output before it, zeros
 * before the first kept step), with the same moves backwards for the gradients.
 *
 * <p>Packing is exact because a recurrent layer is causal: the padding after a sequence's kept steps
 * changes no output before it, and receives no gradient.
 */
final class MaskedSteps {

    private final long batch;
    private final long timesteps;
    /** {@code source[b][p]}: the step the packed step {@code p} of sequence {@code b} comes from. */
    private final int[][] source;
    /** {@code latest[b][t]}: the packed step whose output is Keras's at step {@code t}, or -1 (zeros). */
    private final int[][] latest;

    private MaskedSteps(long batch, long timesteps, int[][] source, int[][] latest) {
        this.batch = batch;
        this.timesteps = timesteps;
        this.source = source;
        this.latest = latest;
    }

    /**
     * The steps of {@code input} {@code (batch, timesteps, features)} that are kept: those with a
     * feature other than {@code maskValue}, compared in the input's data type, as Keras compares.
     */
    static MaskedSteps of(INDArray input, double maskValue) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException(
                    "a masked recurrent layer expects sequences (batch, timesteps, features), received shape "
                            + java.util.Arrays.toString(input.shape()));
        }
        long batch = input.size(0);
        long timesteps = input.size(1);
        long features = input.size(2);
        double mask = Nd4j.scalar(input.dataType(), maskValue).getDouble(0);
        double[] values = values(input);
        int[][] source = new int[(int) batch][];
        int[][] latest = new int[(int) batch][(int) timesteps];
        for (int b = 0; b < batch; b++) {
            int[] kept = new int[(int) timesteps];
            int count = 0;
            for (int t = 0; t < timesteps; t++) {
                int start = (int) ((b * timesteps + t) * features);
                boolean masked = true;
                for (int f = 0; f < features && masked; f++) {
                    masked = values[start + f] == mask;
                }
                if (!masked) {
                    kept[count++] = t;
                }
                latest[b][t] = count - 1;
            }
            source[b] = java.util.Arrays.copyOf(kept, count);
        }
        return new MaskedSteps(batch, timesteps, source, latest);
    }

    /** The input with each sequence's kept steps first, in order, then zeros. */
    INDArray pack(INDArray input, LayerWorkspaceMgr workspaces, ArrayType type) {
        long features = input.size(2);
        double[] in = values(input);
        double[] out = new double[in.length];
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < source[b].length; p++) {
                copy(in, (b * timesteps + source[b][p]) * features, out, (b * timesteps + p) * features, features);
            }
        }
        return array(out, input.dataType(), input.shape(), workspaces, type);
    }

    /**
     * Keras's outputs from the packed run's {@code (batch, timesteps, units)}: every step's, or the
     * last step's {@code (batch, units)} (that of the last kept step; zeros for a sequence masked whole).
     */
    INDArray outputs(INDArray packed, boolean returnSequences, LayerWorkspaceMgr workspaces) {
        long units = packed.size(2);
        double[] in = values(packed);
        double[] out = new double[(int) (batch * (returnSequences ? timesteps : 1) * units)];
        for (int b = 0; b < batch; b++) {
            for (int t = returnSequences ? 0 : (int) timesteps - 1; t < timesteps; t++) {
                int p = latest[b][t];
                if (p >= 0) {
                    long to = returnSequences ? (b * timesteps + t) * units : b * units;
                    copy(in, (b * timesteps + p) * units, out, to, units);
                }
            }
        }
        long[] shape = returnSequences ? new long[] {batch, timesteps, units} : new long[] {batch, units};
        return array(out, packed.dataType(), shape, workspaces, ArrayType.ACTIVATIONS);
    }

    /**
     * The gradient for the packed run's outputs, from that for Keras's outputs: a packed step's is
     * the sum over the steps that repeat its output.
     */
    INDArray outputGradient(INDArray gradient, boolean returnSequences, LayerWorkspaceMgr workspaces) {
        long units = gradient.size(gradient.rank() - 1);
        double[] in = values(gradient);
        double[] out = new double[(int) (batch * timesteps * units)];
        for (int b = 0; b < batch; b++) {
            for (int t = returnSequences ? 0 : (int) timesteps - 1; t < timesteps; t++) {
                int p = latest[b][t];
                if (p >= 0) {
                    long from = returnSequences ? (b * timesteps + t) * units : b * units;
                    long to = (b * timesteps + p) * units;
                    for (int u = 0; u < units; u++) {
                        out[(int) (to + u)] += in[(int) (from + u)];
                    }
                }
            }
        }
        return array(
                out, gradient.dataType(), new long[] {batch, timesteps, units}, workspaces, ArrayType.ACTIVATION_GRAD);
    }

    /** The gradient for the input, from that for the packed input: zero at the masked steps. */
    INDArray inputGradient(INDArray packed, LayerWorkspaceMgr workspaces) {
        long features = packed.size(2);
        double[] in = values(packed);
        double[] out = new double[in.length];
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < source[b].length; p++) {
                copy(in, (b * timesteps + p) * features, out, (b * timesteps + source[b][p]) * features, features);
            }
        }
        return array(out, packed.dataType(), packed.shape(), workspaces, ArrayType.ACTIVATION_GRAD);
    }

    private static void copy(double[] from, long start, double[] to, long at, long length) {
        System.arraycopy(from, (int) start, to, (int) at, (int) length);
    }

    /** The values in C order, read outside any workspace. */
    private static double[] values(INDArray array) {
        try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.toFlattened('c', array).castTo(DataType.DOUBLE).toDoubleVector();
        }
    }

    /** {@code values} as an array of {@code type}'s workspace, in the given data type. */
    private static INDArray array(
            double[] values, DataType dataType, long[] shape, LayerWorkspaceMgr workspaces, ArrayType type) {
        INDArray array = workspaces.createUninitialized(type, dataType, shape, 'c');
        try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            array.assign(Nd4j.create(values, shape, 'c').castTo(dataType));
        }
        return array;
    }
}
