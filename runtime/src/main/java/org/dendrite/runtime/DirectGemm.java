package org.dendrite.runtime;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Single-precision matrix products straight into OpenBLAS's {@code cblas_sgemm}, on ND4J arrays'
 * own memory: no op context, no result allocated or zeroed, no copy afterwards.
 *
 * <p>An ND4J {@code mmul} of a Pima-sized product (10×8 · 8×12) took 20–28 µs on this project's
 * machines, of which OpenBLAS was 0.7% (the rest: allocation, the op's Java and native bookkeeping,
 * clean-up registration); this call takes about 1 µs. Any 2-D float array with one unit stride
 * (either order, a view with an offset, a transposed view) is passed as it is: its layout becomes
 * OpenBLAS's leading dimension and transpose flag.
 */
final class DirectGemm {

    private DirectGemm() {}

    /** Whether {@link #gemm} takes {@code array} as it is. */
    static boolean fits(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.rank() == 2 && layout(array) != null;
    }

    /**
     * Whether a dense layer of {@code weights} (inputs × units) takes {@code input} on the direct
     * path: unmasked rows of float32 as wide as the weights are tall, in a layout {@link #gemm} takes.
     */
    static boolean takesRows(INDArray input, INDArray weights, INDArray mask) {
        return mask == null && input != null && fits(input) && input.size(1) == weights.size(0);
    }

    /**
     * {@code c = op(a) · op(b) + beta · c}, where {@code op} transposes when asked.
     *
     * @throws IllegalArgumentException when an array does not {@link #fits fit} or the shapes disagree
     */
    static void gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, float beta) {
        long m = c.size(0);
        long n = c.size(1);
        long k = transA ? a.size(0) : a.size(1);
        if ((transA ? a.size(1) : a.size(0)) != m
                || (transB ? b.size(1) : b.size(0)) != k
                || (transB ? b.size(0) : b.size(1)) != n) {
            throw new IllegalArgumentException("shapes do not multiply: " + a.shapeInfoToString() + (transA ? "ᵀ" : "")
                    + " · " + b.shapeInfoToString() + (transB ? "ᵀ" : "") + " into " + c.shapeInfoToString());
        }
        Layout la = checked(a);
        Layout lb = checked(b);
        Layout lc = checked(c);
        // Column-major throughout: a row-major matrix is its transpose in column-major order, so
        // c row-major means computing cᵀ = op(b)ᵀ · op(a)ᵀ.
        if (lc.columnMajor) {
            call(transA != !la.columnMajor, transB != !lb.columnMajor, m, n, k, a, la, b, lb, beta, c, lc);
        } else {
            call(transB == !lb.columnMajor, transA == !la.columnMajor, n, m, k, b, lb, a, la, beta, c, lc);
        }
    }

    private static void call(
            boolean transX,
            boolean transY,
            long m,
            long n,
            long k,
            INDArray x,
            Layout lx,
            INDArray y,
            Layout ly,
            float beta,
            INDArray c,
            Layout lc) {
        openblas_nolapack.cblas_sgemm(
                openblas_nolapack.CblasColMajor,
                transX ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transY ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                (int) m,
                (int) n,
                (int) k,
                1f,
                pointer(x),
                lx.leading,
                pointer(y),
                ly.leading,
                beta,
                pointer(c),
                lc.leading);
    }

    /** The array's first element: ND4J's address pointer already includes a view's offset. */
    private static FloatPointer pointer(INDArray array) {
        return (FloatPointer) array.data().addressPointer();
    }

    /** How a matrix lies in memory, as BLAS describes it. */
    private record Layout(boolean columnMajor, int leading) {}

    private static Layout checked(INDArray array) {
        if (!fits(array)) {
            throw new IllegalArgumentException("not a float matrix with a unit stride: " + array.shapeInfoToString());
        }
        return layout(array);
    }

    /**
     * Column-major with leading dimension {@code ld ≥ rows} when rows are adjacent, row-major with
     * {@code ld ≥ columns} when columns are; null when neither (a strided view of both).
     */
    private static Layout layout(INDArray array) {
        long rows = array.size(0);
        long columns = array.size(1);
        long rowStride = array.stride(0);
        long columnStride = array.stride(1);
        if (rowStride == 1 || rows == 1) {
            long leading = columns == 1 ? Math.max(rows, 1) : columnStride;
            if (leading >= Math.max(rows, 1) && leading <= Integer.MAX_VALUE) {
                return new Layout(true, (int) leading);
            }
        }
        if (columnStride == 1 || columns == 1) {
            long leading = rows == 1 ? Math.max(columns, 1) : rowStride;
            if (leading >= Math.max(columns, 1) && leading <= Integer.MAX_VALUE) {
                return new Layout(false, (int) leading);
            }
        }
        return null;
    }
}
