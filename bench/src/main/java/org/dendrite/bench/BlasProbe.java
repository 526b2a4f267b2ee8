package org.dendrite.bench;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs in a fresh JVM whose environment names an OpenBLAS kernel family: checks ND4J's matrix
 * products (plain and with either side transposed, tiny to 2048²) against float64 sums at sampled
 * entries, then times two of them (the fastest of 3 rounds: least disturbed by other work). Prints
 * {@code worstError secondsOf2048Cubed secondsOf128x784x512}.
 */
public final class BlasProbe {

    /** m, k, n of the products checked: Pima-sized, odd, mnist_mlp's first layer, 2048³. */
    static final int[][] SHAPES = {{10, 8, 12}, {33, 65, 17}, {128, 784, 512}, {300, 200, 100}, {2048, 2048, 2048}};

    private BlasProbe() {}

    public static void main(String[] args) throws Exception {
        Random random = new Random(1);
        double worst = 0;
        for (int[] shape : SHAPES) {
            INDArray a = Nd4j.rand(DataType.FLOAT, shape[0], shape[1]).subi(0.5);
            INDArray b = Nd4j.rand(DataType.FLOAT, shape[1], shape[2]).subi(0.5);
            worst = Math.max(worst, worstError(a.mmul(b), a, b, random));
            worst = Math.max(worst, worstError(columnMajor(a).mmul(b), a, b, random));
            worst = Math.max(worst, worstError(a.mmul(columnMajor(b)), a, b, random));
        }
        INDArray big = Nd4j.rand(DataType.FLOAT, 2048, 2048);
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 784);
        INDArray w = Nd4j.rand(DataType.FLOAT, 784, 512);
        System.out.println(
                worst + " " + Timing.perCall(3, 0.3, () -> big.mmul(big)).median() + " "
                        + Timing.perCall(3, 0.2, () -> x.mmul(w)).min());
    }

    /** The same values stored column by column: the product then passes BLAS a transposed operand. */
    private static INDArray columnMajor(INDArray a) {
        return a.transpose().dup('c').transpose();
    }

    /**
     * The largest |c − a·b| at up to 256 sampled entries, each over Σ|a_ik·b_kj|: float32 rounding
     * gives about 1e-7, a wrong kernel about 1.
     */
    static double worstError(INDArray c, INDArray a, INDArray b, Random random) {
        float[][] av = a.toFloatMatrix();
        float[][] bv = b.toFloatMatrix();
        float[][] cv = c.toFloatMatrix();
        double worst = 0;
        for (int s = 0; s < Math.min(256, c.length()); s++) {
            int i = random.nextInt(cv.length);
            int j = random.nextInt(cv[0].length);
            double sum = 0;
            double magnitude = 0;
            for (int k = 0; k < bv.length; k++) {
                double product = (double) av[i][k] * bv[k][j];
                sum += product;
                magnitude += Math.abs(product);
            }
            worst = Math.max(worst, Math.abs(cv[i][j] - sum) / (magnitude + 1e-30));
        }
        return worst;
    }
}
