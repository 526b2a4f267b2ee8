package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** What cannot fit is refused before anything is allocated, naming the layer, the bytes and the limit (issue 15, part 3). */
class ResourcesTest {

    @Test
    void twoLayersOfFiftyThousandUnitsAreRefusedBeforeAllocating() {
        // 8·50,000 + 50,000 and 50,000·50,000 + 50,000 weights: 2.5 billion parameters, 40 GB with gradients and Adam's
        // moments
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Sequential().input(8).dense(50_000).dense(50_000).dense(1).compile(adam, mse));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "layer 1 (Dense(50000)) has 2,500,050,000 parameters; the model's 2,500,550,001"
                                        + " parameters with their gradients and adam(lr=0.001)'s state need 40.0 GB, more than the"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .endsWith("(raise the limit with -Dorg.bytedeco.javacpp.maxBytes=8g, and the JVM's with -Xmx)"),
                e.getMessage());
    }

    @Test
    void aBillionUnitsIsRefusedNotABadAlloc() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Sequential().input(4).dense(1_000_000_000).compile(sgd, mse));
        assertTrue(
                e.getMessage().startsWith("layer 0 (Dense(1000000000)) has 5,000,000,000 parameters"), e.getMessage());
    }

    @Test
    void aBatchWhoseActivationsCannotFitIsRefusedAtFit() {
        var model = Sequential().input(2).dense(200_000).dense(1).compile(sgd, mse); // 0.8 M parameters: fits
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> model.fit(TestData.blobs(4, 1).take(4), epochs(1).batch(1_000_000)));
        assertTrue(
                e.getMessage().startsWith("a batch of 1000000 examples needs about 2400.0 GB for its activations"),
                e.getMessage());
    }
}
