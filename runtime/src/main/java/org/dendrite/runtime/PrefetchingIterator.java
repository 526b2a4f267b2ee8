package org.dendrite.runtime;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * DL4J's prefetching iterator (batches read on a background thread while the network trains),
 * without its hang. In ND4J 1.0.0-M2.1, when the wrapped iterator throws, the background thread
 * records the exception and ends without telling a consumer already waiting for the next batch:
 * {@code hasNext()} then waits forever. It only showed once steps got fast enough to wait (a CSV
 * stream with a bad line: {@code StreamedDataTest}). Here the consumer waits in short slices and
 * rethrows the recorded exception as soon as it appears; the rest is DL4J's.
 */
public final class PrefetchingIterator extends AsyncDataSetIterator {

    static {
        Dl4jVersion.expectedBy("PrefetchingIterator (AsyncDataSetIterator without its hang)");
    }

    /** Prefetches up to {@code queueSize} batches of {@code iterator}, outside workspaces. */
    public PrefetchingIterator(DataSetIterator iterator, int queueSize) {
        super(iterator, queueSize, false);
    }

    @Override
    public boolean hasNext() {
        try {
            while (nextElement == null && !hasDepleted.get()) {
                if (throwable != null) {
                    throw throwable;
                }
                nextElement = buffer.poll(10, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next batch", e);
        }
        return super.hasNext();
    }
}
