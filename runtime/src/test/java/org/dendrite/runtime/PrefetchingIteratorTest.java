package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** Batches arrive in order, and a failure of the source reaches a consumer already waiting. */
class PrefetchingIteratorTest {

    /** Three batches, the third after 200 ms; then, if {@code failing}, 300 ms later an exception instead of a fourth. */
    private static DataSetIterator slowSource(boolean failing) {
        return new org.nd4j.linalg.dataset.api.iterator.BaseDatasetIterator(1, 4, null) {
            private int given;

            @Override
            public boolean hasNext() {
                return given < (failing ? 4 : 3);
            }

            @Override
            public DataSet next() {
                given++;
                if (given == 3) {
                    sleep(200);
                }
                if (given == 4) {
                    sleep(300); // the consumer is waiting by now
                    throw new IllegalArgumentException("line 4: not a number");
                }
                return new DataSet(Nd4j.scalar(DataType.FLOAT, given).reshape(1, 1), Nd4j.zeros(DataType.FLOAT, 1, 1));
            }

            @Override
            public void reset() {
                given = 0;
            }

            @Override
            public boolean asyncSupported() {
                return true;
            }

            @Override
            public boolean resetSupported() {
                return true;
            }

            @Override
            public void setPreProcessor(DataSetPreProcessor preProcessor) {}
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void batchesArriveInOrderAndThenTheEnd() {
        PrefetchingIterator batches = new PrefetchingIterator(slowSource(false), 2);
        List<Float> seen = new ArrayList<>();
        while (batches.hasNext()) {
            seen.add(batches.next().getFeatures().getFloat(0));
        }
        assertEquals(List.of(1f, 2f, 3f), seen);
        assertFalse(batches.hasNext());
    }

    @Test
    void aFailureOfTheSourceReachesAConsumerAlreadyWaiting() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            PrefetchingIterator batches = new PrefetchingIterator(slowSource(true), 2);
            for (int i = 0; i < 3; i++) {
                batches.hasNext();
                batches.next();
            }
            RuntimeException e = assertThrows(RuntimeException.class, batches::hasNext);
            assertEquals("line 4: not a number", e.getMessage());
        });
    }
}
