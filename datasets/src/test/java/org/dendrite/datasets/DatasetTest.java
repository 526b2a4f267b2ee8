package org.dendrite.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Dataset is an immutable labelled set: splits, shuffles, images and iterators. */
class DatasetTest {

    private final Dataset pima = Datasets.pima();

    @Test
    void pimaIsTheBundled768By8File() {
        assertEquals(768, pima.size());
        assertArrayEquals(new long[] {8}, pima.featureShape());
        assertEquals(268, pima.labels().sumNumber().intValue(), "268 of 768 patients developed diabetes");
        assertEquals("Dataset[768 × 8 → 1; labels 0: 500 (65.1%), 1: 268 (34.9%)]", pima.toString());
    }

    @Test
    void splitShufflesWithTheSeedThenCuts() {
        var parts = pima.split(0.8, 7);
        assertEquals(614, parts.train().size());
        assertEquals(154, parts.test().size());
        assertEquals(
                parts.train().features(), pima.split(0.8, 7).train().features(), "the same seed gives the same split");
        assertNotEquals(parts.train().features(), pima.split(0.8, 8).train().features());
        assertEquals(
                pima.features().sumNumber().doubleValue(),
                parts.train().features().sumNumber().doubleValue()
                        + parts.test().features().sumNumber().doubleValue(),
                1e-1);
    }

    @Test
    void iteratorGivesEveryExampleOncePerEpochInANewOrder() {
        var iterator = pima.iterator(100, 3);
        List<INDArray> firsts = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            int rows = 0;
            double sum = 0;
            int batches = 0;
            while (iterator.hasNext()) {
                var batch = iterator.next();
                if (batches++ == 0) {
                    firsts.add(batch.getFeatures());
                }
                rows += batch.numExamples();
                sum += batch.getFeatures().sumNumber().doubleValue();
            }
            assertEquals(8, batches);
            assertEquals(768, rows);
            assertEquals(pima.features().sumNumber().doubleValue(), sum, 1);
            iterator.reset();
        }
        assertNotEquals(firsts.get(0), firsts.get(1), "each epoch is shuffled anew");
    }

    @Test
    void batchesCutInOrderAndTheLastMayBeSmaller() {
        List<Integer> sizes = new ArrayList<>();
        var batches = pima.batches(100);
        var first = batches.next();
        sizes.add(first.size());
        batches.forEachRemaining(batch -> sizes.add(batch.size()));
        assertEquals(List.of(100, 100, 100, 100, 100, 100, 100, 68), sizes);
        assertEquals(pima.rows(0, 100).features(), first.features());
        assertThrows(IllegalArgumentException.class, () -> pima.batches(0));
    }

    @Test
    void shuffledBatchesAreTheShuffledSetCutIntoBatchesWithoutCopyingItWhole() {
        var expected = pima.shuffle(11).batches(300);
        var actual = pima.shuffledBatches(300, 11);
        int batches = 0;
        while (expected.hasNext()) {
            var want = expected.next();
            var got = actual.next();
            assertEquals(want.features(), got.features());
            assertEquals(want.labels(), got.labels());
            batches++;
        }
        assertEquals(3, batches);
        assertEquals(false, actual.hasNext());
    }

    @Test
    void asImagesNeedsSquareRowsOrExplicitSizes() {
        var flat = Dataset.of(Nd4j.rand(4, 12), Nd4j.zeros(4, 1));
        assertArrayEquals(
                new long[] {4, 2, 2, 3}, flat.asImages(2, 2, 3).features().shape());
        var error = assertThrows(IllegalStateException.class, flat::asImages);
        assertEquals(
                "asImages() needs rows of a square number of pixels, but the features have shape [4, 12]; "
                        + "call asImages(height, width, channels)",
                error.getMessage());
    }

    @Test
    void asImagesReadsRowsPixelByPixelAsKerasReshapesThem() {
        // One row 0..11 as a 2×3 image of 2 channels, NumPy's reshape(1, 2, 3, 2): pixel (r, c) holds (2·(3r + c),
        // 2·(3r + c) + 1).
        var images =
                Dataset.of(Nd4j.arange(12).reshape(1, 12), Nd4j.zeros(1, 1)).asImages(2, 3, 2);
        assertArrayEquals(new long[] {2, 3, 2}, images.featureShape());
        var held = images.toDataSet().getFeatures(); // DL4J's [batch, channels, height, width]
        assertArrayEquals(
                new double[] {0, 2, 4, 6, 8, 10},
                held.get(NDArrayIndex.point(0), NDArrayIndex.point(0))
                        .reshape(6)
                        .toDoubleVector(),
                0,
                "channel 0");
        assertArrayEquals(
                new double[] {1, 3, 5, 7, 9, 11},
                held.get(NDArrayIndex.point(0), NDArrayIndex.point(1))
                        .reshape(6)
                        .toDoubleVector(),
                0,
                "channel 1");
    }
}
