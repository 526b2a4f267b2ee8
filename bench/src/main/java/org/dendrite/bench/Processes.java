package org.dendrite.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs a process of the bench's (a fresh JVM, Python) to its end and reads what it printed. */
final class Processes {

    private Processes() {}

    /** The standard output of the process, stripped; an error naming {@code what} if it fails. */
    static String output(ProcessBuilder builder, String what) throws IOException, InterruptedException {
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException(what + " failed with exit code " + process.exitValue() + ": " + out);
        }
        return out;
    }
}
