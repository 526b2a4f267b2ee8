package org.dendrite.runtime;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.TadPack;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;

/**
 * ND4J's CPU op executioner, keeping the Java side of the shape descriptions it asks libnd4j for.
 *
 * <p>Every ND4J array carries a shape-information buffer, and every op along an axis (a bias add, a
 * column sum) a "TAD" pack describing the sub-arrays. libnd4j keeps each of these once, as a
 * constant, but ND4J 1.0.0-M2.1 asks for it again on every array and op and wraps the answer in new
 * Java buffers, each registered for clean-up: on a small network that was over half of the ~270
 * buffers a training step created (Pima, 8-12-8-1, batch 10), and the garbage collector and ND4J's
 * deallocator thread then spent as much time as the maths. This class hands back the wrapper it made
 * the first time for the same description; what it wraps is libnd4j's own constant, so nothing new
 * is shared. Up to {@value #LIMIT} descriptions of each kind are kept, like ND4J's own shape cache
 * does; past that it behaves as ND4J does.
 *
 * <p>{@link NativeDefaults} names this class in ND4J's {@code opexec} property; {@code -Dopexec=...}
 * chooses another.
 */
public class ShapeCachingExecutioner extends NativeOpExecutioner {

    static {
        Dl4jVersion.expectedBy("ShapeCachingExecutioner (cached shape and TAD buffers)");
    }

    /** Descriptions kept per kind; a model uses tens. */
    static final int LIMIT = 10_000;

    private final Map<Description, DataBuffer> shapes = new ConcurrentHashMap<>();
    private final Map<Description, TadPack> tads = new ConcurrentHashMap<>();

    @Override
    public DataBuffer createShapeInfo(
            long[] shape, long[] stride, long elementWiseStride, char order, DataType dtype, boolean empty) {
        Description key = Description.of(shape, stride, 0, elementWiseStride, order, dtype.ordinal(), empty ? 1 : 0);
        return cached(shapes, key, k -> super.createShapeInfo(shape, stride, elementWiseStride, order, dtype, empty));
    }

    @Override
    public DataBuffer createShapeInfo(
            long[] shape, long[] stride, long elementWiseStride, char order, DataType dtype, long extras) {
        Description key = Description.of(shape, stride, 1, elementWiseStride, order, dtype.ordinal(), extras);
        return cached(shapes, key, k -> super.createShapeInfo(shape, stride, elementWiseStride, order, dtype, extras));
    }

    @Override
    public TadPack tadShapeInfoAndOffsets(INDArray array, int[] dimension) {
        long[] axes = new long[dimension.length]; // a loop, not a stream: this runs for every op along an axis
        for (int i = 0; i < axes.length; i++) {
            axes[i] = dimension[i];
        }
        Description key = Description.of(array.shapeInfoJava(), axes, 2);
        return cached(tads, key, k -> super.tadShapeInfoAndOffsets(array, dimension));
    }

    /** How many shape buffers are kept, for tests. */
    int cachedShapes() {
        return shapes.size();
    }

    private static <T> T cached(Map<Description, T> cache, Description key, Function<Description, T> create) {
        T known = cache.get(key);
        if (known != null) {
            return known;
        }
        return cache.size() < LIMIT ? cache.computeIfAbsent(key, create) : create.apply(key);
    }

    /** Everything a shape buffer or TAD pack is made from, compared by value. */
    private record Description(long[] values, int hash) {

        static Description of(long[] first, long[] second, long... rest) {
            long[] values = new long[2 + first.length + second.length + rest.length];
            values[0] = first.length;
            values[1] = second.length;
            System.arraycopy(first, 0, values, 2, first.length);
            System.arraycopy(second, 0, values, 2 + first.length, second.length);
            System.arraycopy(rest, 0, values, 2 + first.length + second.length, rest.length);
            return new Description(values, Arrays.hashCode(values));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Description d && d.hash == hash && Arrays.equals(d.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
