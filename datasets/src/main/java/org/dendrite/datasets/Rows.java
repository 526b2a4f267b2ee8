package org.dendrite.datasets;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Row selection on arrays of any rank, where a row is everything along axis 0. */
final class Rows {

    private Rows() {}

    /** Rows {@code from..to-1} as a fresh array. */
    static INDArray range(INDArray a, int from, int to) {
        INDArrayIndex[] index = new INDArrayIndex[a.rank()];
        Arrays.fill(index, NDArrayIndex.all());
        index[0] = NDArrayIndex.interval(from, to);
        return a.get(index).dup('c');
    }

    /** The given rows, in order, as a fresh array (one native gather, whatever the rank). */
    static INDArray pick(INDArray a, int[] rows) {
        long[] shape = a.shape();
        INDArray flat = a.reshape('c', shape[0], a.length() / shape[0]);
        INDArray picked = Nd4j.pullRows(flat, 1, rows);
        long[] out = shape.clone();
        out[0] = rows.length;
        return picked.reshape('c', out);
    }
}
