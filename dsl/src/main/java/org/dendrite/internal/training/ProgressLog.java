package org.dendrite.internal.training;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keras's training output. Verbose 1: {@code Epoch 3/150}, then a progress bar redrawn in place
 * on a terminal (at most ten times a second) and closed by
 * {@code 62/62 [==============================] - 0s 2ms/step - loss: 0.6012 - accuracy: 0.6987};
 * verbose 2: that last line alone, prefixed by the epoch; verbose 0: nothing.
 *
 * <p>Written by hand rather than with a progress-bar library: the exact Keras line is what users
 * compare against tutorials, it is 60 lines, and it needs no terminal library on the class path.
 */
public final class ProgressLog {

    private static final int BAR = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final int verbose;
    private final boolean interactive;
    private long epochStart;
    private long lastDraw;
    private int epoch;
    private int epochs;

    public ProgressLog(PrintStream out, int verbose, boolean interactive) {
        this.out = out;
        this.verbose = verbose;
        this.interactive = interactive;
    }

    public void epochStarted(int epoch, int epochs) {
        this.epoch = epoch;
        this.epochs = epochs;
        epochStart = System.nanoTime();
        lastDraw = epochStart;
        if (verbose == 1) {
            out.println("Epoch " + epoch + "/" + epochs);
        }
    }

    public void batchDone(int done, int total, double loss) {
        long now = System.nanoTime();
        if (verbose == 1 && interactive && now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            out.print("\r" + bar(done, total) + String.format(Locale.ROOT, " - loss: %.4f", loss));
            out.flush();
        }
    }

    public void epochEnded(int steps, Map<String, Double> logs) {
        if (verbose == 0) {
            return;
        }
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        String timing =
                String.format(Locale.ROOT, " - %.0fs %.0fms/step - ", seconds, 1000 * seconds / Math.max(steps, 1));
        String values = logs.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s: %.4f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(" - "));
        String head = verbose == 1 ? (interactive ? "\r" : "") + bar(steps, steps) : "Epoch " + epoch + "/" + epochs;
        out.println(head + timing + values);
    }

    /** A line that is shown whatever the verbosity: why training stopped early. */
    public void message(String text) {
        out.println((verbose == 1 && interactive ? "\n" : "") + text);
    }

    private static String bar(int done, int total) {
        if (total <= 0) {
            return done + "/?";
        }
        int filled = (int) ((long) BAR * done / total);
        String body = filled >= BAR ? "=".repeat(BAR) : "=".repeat(filled) + ">" + ".".repeat(BAR - filled - 1);
        return done + "/" + total + " [" + body + "]";
    }
}
