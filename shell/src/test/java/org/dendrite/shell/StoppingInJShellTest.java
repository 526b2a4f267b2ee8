package org.dendrite.shell;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A long fit in JShell can be stopped, and the model keeps the weights of its last finished epoch. */
@Tag("timing") // stops a fit half a second into an epoch
@Tag("slow") // 3.8 s
class StoppingInJShellTest {

    private static final String SETUP =
            """
            var data = Dataset.of(Nd4j.rand(4000, 20), Nd4j.rand(4000, 1).gt(0.5).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT))""";
    private static final String RECORDER =
            """
            var epochs = new java.util.concurrent.CopyOnWriteArrayList<INDArray>();
            Callback recorder = new Callback() {
                public void onEpochEnd(int epoch, java.util.Map<String, Double> logs, Training training) {
                    epochs.add(training.network().params().dup());
                    System.setProperty("dendrite.test.epochs", Integer.toString(epochs.size()));
                }
            };""";

    @Test
    void slashStopEndsTheFitAndKeepsTheLastFinishedEpoch() throws Exception {
        try (var shell = new JShellSession()) {
            shell.eval(SETUP);
            shell.eval(
                    "var model = Sequential().dense(256, RELU).dense(256, RELU).dense(1, SIGMOID).compile(adam, crossEntropy)");
            for (String line : RECORDER.split("\n(?=[A-Z]|var)")) {
                shell.eval(line);
            }
            // The local JShell engine shares this JVM's system properties: stop half a second into the
            // epoch after the first one has finished, however slow the machine.
            System.clearProperty("dendrite.test.epochs");
            var stopper = new Thread(() -> {
                try {
                    while (System.getProperty("dendrite.test.epochs") == null) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                shell.stop();
            });
            stopper.start();
            double seconds = shell.evalStopped("model.fit(data, epochs(1000).verbose(0).callbacks(recorder))");
            stopper.join();

            int finished = Integer.parseInt(shell.eval("epochs.size()"));
            assertTrue(finished >= 1 && finished < 1000, "stopped after " + finished + " epochs, " + seconds + " s");
            assertEquals("true", shell.eval("model.network().params().equals(epochs.get(epochs.size() - 1))"));
            assertTrue(shell.eval("model.evaluate(data)").startsWith("loss: "), "the model is still usable");
        }
    }

    @Test
    void modelStopFromAnotherThreadEndsTheFitWithAHistory() throws Exception {
        try (var shell = new JShellSession()) {
            shell.eval(SETUP);
            shell.eval("var model = Sequential().dense(256, RELU).dense(1, SIGMOID).compile(adam, crossEntropy)");
            for (String line : RECORDER.split("\n(?=[A-Z]|var)")) {
                shell.eval(line);
            }
            System.clearProperty("dendrite.test.epochs");
            shell.eval(
                    "new Thread(() -> { try { while (System.getProperty(\"dendrite.test.epochs\") == null) Thread.sleep(50);"
                            + " Thread.sleep(500); } catch (InterruptedException e) { } model.stop(); }).start()");
            shell.eval("var history = model.fit(data, epochs(1000).verbose(0).callbacks(recorder))");

            assertEquals(
                    "stopped by request", shell.eval("history.stopReason()").replace("\"", ""));
            assertEquals("true", shell.eval("history.epochs() == epochs.size() && history.epochs() < 1000"));
            assertEquals("true", shell.eval("model.network().params().equals(epochs.get(epochs.size() - 1))"));
        }
    }
}
