package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dendrite.callbacks.Callback;
import org.dendrite.callbacks.Training;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model shared between threads: predict and evaluate from many threads at once give what one
 * thread gives (they crashed the JVM with batch norm, or threw, before); one fit runs at a time, and
 * stop() reaches it. Each stress case is bounded in time.
 */
class ThreadSafetyTest {

    @Test
    @Tag("slow")
    @Tag("timing") // a floor on the calls made in 3 s
    void fourThreadsPredictingAndEvaluatingABatchNormModelGetOneThreadsNumbers() throws Exception {
        var data = TestData.blobs(300, 9);
        var model = Sequential()
                .input(2)
                .dense(16, RELU)
                .batchNorm()
                .dense(8, RELU)
                .batchNorm()
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy, accuracy, auc);
        model.fit(data, epochs(2).verbose(0));
        INDArray expected = model.predict(data.features());
        Evaluation expectedEvaluation = model.evaluate(data);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger calls = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int worker = t;
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    if (worker % 2 == 0) {
                        assertEquals(expected, model.predict(data.features()));
                    } else {
                        Evaluation e = model.evaluate(data);
                        assertEquals(expectedEvaluation.loss(), e.loss());
                        assertEquals(expectedEvaluation.metric("auc"), e.metric("auc"));
                    }
                    calls.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS); // rethrows any assertion a worker failed
        }
        pool.shutdown();
        assertTrue(calls.get() >= 8, "calls in 3 s: " + calls.get());
        System.out.println(
                "4 threads, 3 s: " + calls.get() + " predict/evaluate calls over 300 rows, all equal to one thread's");
    }

    @Test
    void aSecondFitOrAPredictFromAnotherThreadIsRefusedAndStopReachesTheRunningFit() throws Exception {
        var data = TestData.blobs(64, 2);
        var model = Sequential().input(2).dense(4, RELU).dense(1, SIGMOID).compile(adam, crossEntropy);
        CountDownLatch firstEpochDone = new CountDownLatch(1);
        CountDownLatch mayGoOn = new CountDownLatch(1);
        Callback pause = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
                assertDoesNotThrow(
                        () -> model.predict(data.features()), "a callback may use the model on the fit's thread");
                firstEpochDone.countDown();
                try {
                    mayGoOn.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ExecutorService background = Executors.newSingleThreadExecutor(r -> new Thread(r, "trainer"));
        Future<History> running =
                background.submit(() -> model.fit(data, epochs(100).verbose(0).callbacks(pause)));
        assertTrue(firstEpochDone.await(30, TimeUnit.SECONDS));

        var second = assertThrows(IllegalStateException.class, () -> model.fit(data, 1));
        assertEquals(
                "fit refused: this model is training (fit on thread \"trainer\"); a model runs one fit at a time, and reads "
                        + "its weights between fits. Wait for fit to return, or stop() it",
                second.getMessage());
        var predict = assertThrows(IllegalStateException.class, () -> model.predict(data.features()));
        assertTrue(
                predict.getMessage().startsWith("predict refused: this model is training (fit on thread \"trainer\")"));

        model.stop();
        mayGoOn.countDown();
        History history = running.get(30, TimeUnit.SECONDS);
        background.shutdown();
        assertEquals("stopped by request", history.stopReason());
        assertTrue(history.epochs() < 100, "stopped after " + history.epochs() + " epochs");
        assertEquals(
                1, model.fit(data, epochs(1).verbose(0)).epochs(), "the model trains again once the fit has returned");
    }
}
