package org.dendrite.shell;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * A JShell session in this JVM (local execution engine) with the test class path and the
 * launcher's start-up script, so tests can type snippets as a user would and read the echo.
 */
final class JShellSession implements AutoCloseable {

    private final JShell shell;

    JShellSession() throws IOException {
        shell = JShell.builder().executionEngine("local").build();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            shell.addToClasspath(entry);
        }
        for (String line : Files.readAllLines(Path.of("src/main/jshell/startup.jsh"))) {
            if (!line.isBlank() && !line.startsWith("//") && !line.startsWith("System.out")) {
                eval(line);
            }
        }
    }

    /** Evaluates one snippet, fails on a compile error or exception, and returns the echoed value. */
    String eval(String snippet) {
        List<SnippetEvent> events = shell.eval(complete(snippet));
        assertFalse(events.isEmpty(), "no event for: " + snippet);
        SnippetEvent event = events.get(0);
        assertEquals(
                Snippet.Status.VALID,
                event.status(),
                () -> snippet + " → "
                        + shell.diagnostics(event.snippet())
                                .map(d -> d.getMessage(null))
                                .toList());
        assertNull(event.exception(), () -> snippet + " threw " + event.exception());
        return event.value();
    }

    /** Evaluates a snippet that is expected to be cut short (e.g. by a stop), returning its seconds. */
    double evalStopped(String snippet) {
        long start = System.nanoTime();
        shell.eval(complete(snippet));
        return (System.nanoTime() - start) / 1e9;
    }

    /** The snippet as the JShell tool would submit it (a missing semicolon added). */
    private String complete(String snippet) {
        var info = shell.sourceCodeAnalysis().analyzeCompletion(snippet);
        return info.completeness().isComplete() ? info.source() : snippet;
    }

    /** Stops the snippet being evaluated, as JShell's {@code /stop} and Ctrl-C do. */
    void stop() {
        shell.stop();
    }

    @Override
    public void close() {
        shell.close();
    }
}
