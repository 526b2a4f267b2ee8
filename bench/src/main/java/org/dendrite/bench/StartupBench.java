package org.dendrite.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Start-up: seconds from launching a process to a line it prints, median of a few fresh processes
 * after one not counted (which fills the page cache). A fresh JVM to the first finished Pima epoch
 * ({@link FirstEpoch}) against Python importing torch and doing the same; JShell's first prompt
 * ({@code ./dendrite-shell}) against Python's {@code import torch}.
 */
final class StartupBench {

    private StartupBench() {}

    /** Seconds from start to the first output line containing {@code marker}, median of {@code repetitions}. */
    static Timing toLine(int repetitions, ProcessBuilder builder, String stdin, String marker) throws Exception {
        return Timing.of(repetitions, () -> once(builder, stdin, marker));
    }

    private static Void once(ProcessBuilder builder, String stdin, String marker)
            throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            int c;
            while ((c = out.read()) >= 0) {
                seen.append((char) c);
                if (seen.length() >= marker.length() && seen.indexOf(marker, seen.length() - marker.length()) >= 0) {
                    out.transferTo(Writer.nullWriter());
                    break;
                }
            }
        }
        if (process.waitFor() != 0 || seen.indexOf(marker) < 0) {
            throw new IOException(builder.command() + " printed no \"" + marker + "\" (exit code " + process.exitValue()
                    + "): " + seen);
        }
        return null;
    }

    static void run(int repetitions, boolean torch) throws Exception {
        Timing java = toLine(repetitions, ChildJvm.builder(FirstEpoch.class, List.of()), "", FirstEpoch.DONE);
        String python = torch
                ? toLine(
                                repetitions,
                                PyTorchSide.builder(
                                        KernelFamilies.forPyTorch(),
                                        "first-epoch",
                                        PyTorchSide.pimaCsv().toString()),
                                "",
                                FirstEpoch.DONE)
                        .toString()
                : "skipped";
        System.out.printf(
                "start-up: launch → first Pima epoch done | java (Dendrite) %s | python3 (PyTorch) %s%n", java, python);
        Path shell = Path.of("dendrite-shell");
        String jshell = Files.isExecutable(shell)
                ? toLine(repetitions, new ProcessBuilder(shell.toAbsolutePath().toString()), "/exit\n", "jshell>")
                        .toString()
                : "skipped (no ./dendrite-shell in the working directory)";
        String importTorch = torch
                ? toLine(
                                repetitions,
                                new ProcessBuilder("/usr/bin/python3", "-c", "import torch; print('ready')"),
                                "",
                                "ready")
                        .toString()
                : "skipped";
        System.out.printf(
                "start-up: launch → ready to type | JShell with Dendrite (./dendrite-shell, first prompt) %s | python3 -c 'import torch' %s%n",
                jshell, importTorch);
    }
}
