package org.dendrite.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rejects arrays that hold NaN or infinite values, or finite doubles beyond the range of the 32-bit
 * floats a network computes in (they would become infinite), naming the first offending row and column.
 */
final class Finite {

    private Finite() {}

    static void require(INDArray a, String what) {
        boolean wide = a.dataType() == DataType.DOUBLE;
        // One or two reductions on the usual path: a finite sum means no NaN and no infinity.
        if (Double.isFinite(a.sumNumber().doubleValue())
                && (!wide || a.amaxNumber().doubleValue() <= Float.MAX_VALUE)) {
            return;
        }
        long rows = a.size(0);
        INDArray flat = a.reshape('c', rows, a.length() / rows);
        for (long r = 0; r < rows; r++) {
            for (long c = 0; c < flat.size(1); c++) {
                double v = flat.getDouble(r, c);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + " hold " + v + " at row " + r + ", column " + c
                            + "; every value must be a finite number");
                }
                if (Math.abs(v) > Float.MAX_VALUE) {
                    throw new IllegalArgumentException(what + " hold " + v + " at row " + r + ", column " + c
                            + ", beyond the range of the 32-bit floats the network computes in (±" + Float.MAX_VALUE
                            + "); rescale the data");
                }
            }
        }
    }
}
