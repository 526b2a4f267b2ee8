package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.TadPack;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/** The executioner hands back one buffer per shape description, with exactly ND4J's contents. */
class ShapeCachingExecutionerTest {

    static {
        Nd4j.getExecutioner(); // ND4J loads its native library before an executioner is made by hand
    }

    private final ShapeCachingExecutioner cached = new ShapeCachingExecutioner();
    private final NativeOpExecutioner plain = new NativeOpExecutioner();

    private static final long[] SHAPE = {3, 4};
    private static final long[] C_STRIDES = {4, 1};

    @Test
    void theSameShapeGetsTheSameBufferWithNd4jsContents() {
        DataBuffer first = cached.createShapeInfo(SHAPE, C_STRIDES, 1, 'c', DataType.FLOAT, false);
        DataBuffer second = cached.createShapeInfo(SHAPE.clone(), C_STRIDES.clone(), 1, 'c', DataType.FLOAT, false);

        assertSame(first, second);
        assertArrayEquals(
                plain.createShapeInfo(SHAPE, C_STRIDES, 1, 'c', DataType.FLOAT, false)
                        .asLong(),
                first.asLong());
    }

    @Test
    void anyDifferenceInTheDescriptionGetsItsOwnBuffer() {
        DataBuffer base = cached.createShapeInfo(SHAPE, C_STRIDES, 1, 'c', DataType.FLOAT, false);
        DataBuffer[] others = {
            cached.createShapeInfo(new long[] {4, 3}, new long[] {3, 1}, 1, 'c', DataType.FLOAT, false),
            cached.createShapeInfo(SHAPE, new long[] {1, 3}, 1, 'f', DataType.FLOAT, false),
            cached.createShapeInfo(SHAPE, new long[] {8, 2}, 0, 'c', DataType.FLOAT, false),
            cached.createShapeInfo(SHAPE, C_STRIDES, 1, 'c', DataType.DOUBLE, false),
            cached.createShapeInfo(SHAPE, C_STRIDES, 1, 'c', DataType.FLOAT, true)
        };

        for (DataBuffer other : others) {
            assertNotSame(base, other);
            assertFalse(Arrays.equals(base.asLong(), other.asLong()));
        }
    }

    @Test
    void subArraysAlongAnAxisAreDescribedOncePerShapeAndAxis() {
        INDArray a = Nd4j.create(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.create(DataType.FLOAT, 3, 4);

        TadPack rows = cached.tadShapeInfoAndOffsets(a, new int[] {1});
        TadPack columns = cached.tadShapeInfoAndOffsets(a, new int[] {0});

        assertSame(rows, cached.tadShapeInfoAndOffsets(b, new int[] {1}));
        assertNotSame(rows, columns);
        assertArrayEquals(new long[] {0, 4, 8}, rows.getTadOffsets().asLong());
        assertArrayEquals(new long[] {0, 1, 2, 3}, columns.getTadOffsets().asLong());
        assertArrayEquals(
                plain.tadShapeInfoAndOffsets(a, new int[] {0}).getTadShapeInfo().asLong(),
                columns.getTadShapeInfo().asLong());
    }

    @Test
    void pastItsLimitItKeepsNothingMoreAndStillAnswersCorrectly() {
        for (int n = 1; n <= ShapeCachingExecutioner.LIMIT + 10; n++) {
            cached.createShapeInfo(new long[] {n}, new long[] {1}, 1, 'c', DataType.FLOAT, false);
        }
        long[] beyond = {ShapeCachingExecutioner.LIMIT + 20};

        assertEquals(ShapeCachingExecutioner.LIMIT, cached.cachedShapes());
        assertArrayEquals(
                plain.createShapeInfo(beyond, new long[] {1}, 1, 'c', DataType.FLOAT, false)
                        .asLong(),
                cached.createShapeInfo(beyond, new long[] {1}, 1, 'c', DataType.FLOAT, false)
                        .asLong());
        assertEquals(ShapeCachingExecutioner.LIMIT, cached.cachedShapes());
    }
}
