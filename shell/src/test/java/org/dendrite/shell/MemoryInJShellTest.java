package org.dendrite.shell;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Redefining a model again and again in one session does not leak native memory. */
@Tag("timing") // measures this JVM's resident memory, which other work in the JVM moves
class MemoryInJShellTest {

    /** Resident set size of this JVM (the local JShell engine runs snippets here), in MiB. */
    private static double residentMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void tenRedefinitionsWithShortFitsKeepResidentMemoryFlat() throws Exception {
        try (var shell = new JShellSession()) {
            shell.eval("var data = Datasets.pima()");
            List<Double> rss = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                shell.eval(
                        "var model = Sequential().dense(64, RELU, HE).dense(64, RELU).dense(1, SIGMOID).compile(adam, crossEntropy)");
                shell.eval("model.fit(data, epochs(2).verbose(0))");
                shell.eval("System.gc()");
                rss.add(residentMiB());
            }
            System.out.printf(
                    "resident memory over 10 redefinitions (MiB): %s%n",
                    rss.stream().map(v -> String.format("%.0f", v)).toList());
            double growth = rss.get(9) - rss.get(2);
            assertTrue(growth < 100, "resident memory grew by " + growth + " MiB from redefinition 3 to 10: " + rss);
        }
    }
}
