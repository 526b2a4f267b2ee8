package org.dendrite.shell;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real dendrite-shell launcher, fed a script on standard input as a user would pipe one. */
@Tag("network") // the first start runs Maven, which may download what its local repository lacks
@Tag("timing") // the second start must take under 10 s
@Tag("slow") // builds the project and starts JShell twice: 8 s
class LauncherTest {

    @TempDir
    Path cache;

    private record Run(String out, String err, double seconds) {}

    private Run launch(String script) throws IOException, InterruptedException {
        var builder = new ProcessBuilder("bash", "../dendrite-shell");
        builder.environment().put("DENDRITE_SHELL_CACHE", cache.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the launcher finished");
        assertEquals(0, process.exitValue(), () -> out + err);
        return new Run(out, err, (System.nanoTime() - start) / 1e9);
    }

    @Test
    void buildsOnFirstUseThenStartsFromTheCachedClassPath() throws Exception {
        String script =
                """
                var model = Sequential().input(8).dense(12, RELU, HE).dense(1, SIGMOID).compile(adam, crossEntropy)
                model.fit(Datasets.pima(), epochs(2).verbose(2))
                /exit
                """;
        Run first = launch(script);
        assertTrue(first.err().contains("building Dendrite"), first.err());
        assertTrue(first.out().contains("Type help() for the DSL at a glance"), first.out());
        assertTrue(
                first.out().contains("Dendrite on DL4J 1.0.0-M2.1, CPU: "),
                "the welcome names the backend: " + first.out());
        assertTrue(
                first.out()
                        .contains("model ==> Model[Dense(12, relu, he_normal) → Dense(1, sigmoid); adam(lr=0.001), "
                                + "binary_crossentropy; 121 params]"),
                first.out());
        assertTrue(first.out().contains("Epoch 2/2 - "), first.out());
        assertTrue(first.out().contains("History[2 epochs; last: loss "), first.out());

        Run second = launch("/exit\n");
        assertFalse(second.err().contains("building"), "no Maven call on the second start: " + second.err());
        System.out.printf(
                "dendrite-shell: first start (build) %.1f s, second start %.1f s%n", first.seconds(), second.seconds());
        assertTrue(second.seconds() < 10, "second start took " + second.seconds() + " s");
    }
}
