package org.dendrite.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Single operations, warm, as a user writes them (each allocates its result): the matrix products
 * of the issue (2048³, mnist_mlp's first layer 128×784×512, Pima-sized 10×8×12) and element-wise
 * add, relu and sigmoid on a Pima-sized and an mnist_mlp-sized array. The same names run on
 * PyTorch ({@code bench.py micro}) and DJL ({@link DjlBench}), so the per-op gap shows.
 */
final class MicroBench {

    private MicroBench() {}

    /** Operation name → seconds per call on ND4J. */
    static Map<String, Timing> nd4j() throws Exception {
        Map<String, Timing> timings = new LinkedHashMap<>();
        for (int[] s : new int[][] {{2048, 2048, 2048}, {128, 784, 512}, {10, 8, 12}}) {
            INDArray a = Nd4j.rand(DataType.FLOAT, s[0], s[1]);
            INDArray b = Nd4j.rand(DataType.FLOAT, s[1], s[2]);
            timings.put(productName(s[0], s[1], s[2]), time(s[0] == 2048, () -> a.mmul(b)));
        }
        for (int[] s : new int[][] {{10, 12}, {128, 512}}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, s[0], s[1]).subi(0.5);
            INDArray y = Nd4j.rand(DataType.FLOAT, s[0], s[1]);
            String shape = s[0] + "x" + s[1];
            timings.put("add_" + shape, time(false, () -> x.add(y)));
            timings.put("relu_" + shape, time(false, () -> Transforms.relu(x, true)));
            timings.put("sigmoid_" + shape, time(false, () -> Transforms.sigmoid(x, true)));
        }
        return timings;
    }

    static String productName(int m, int k, int n) {
        return "matmul_" + m + "x" + k + "x" + n;
    }

    /** Floating-point operations of a named product, or 0 for an element-wise operation. */
    static double flop(String name) {
        if (!name.startsWith("matmul_")) {
            return 0;
        }
        double flop = 2;
        for (String d : name.substring(7).split("x")) {
            flop *= Integer.parseInt(d);
        }
        return flop;
    }

    /** The bench's rounds for one operation: 3 of about 0.3 s for the big product, 5 of 0.1 s otherwise. */
    static Timing time(boolean big, Callable<?> work) throws Exception {
        return big ? Timing.perCall(3, 0.3, work) : Timing.perCall(5, 0.1, work);
    }

    /** E.g. {@code 1.2 µs (1.1–1.4)}, with GFLOP/s for a product. */
    static String format(String name, Timing t) {
        String perCall = String.format("%.1f µs (%.1f–%.1f)", t.median() * 1e6, t.min() * 1e6, t.max() * 1e6);
        double flop = flop(name);
        return flop == 0 ? perCall : perCall + String.format(", %.0f GFLOP/s", flop / t.median() / 1e9);
    }
}
