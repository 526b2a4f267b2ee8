package org.dendrite.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A fresh JVM running one of the bench's main classes, started with this JVM's memory flags (the
 * project's {@code .mvn/jvm.config} under Maven) and the bench's class path: for what must start
 * clean (peak memory, start-up time, another OpenBLAS kernel family, another engine).
 */
final class ChildJvm {

    private ChildJvm() {}

    /**
     * A process running {@code main}, its OpenBLAS kernel family the one chosen for Dendrite
     * ({@link KernelFamilies#forDendrite()}) where the bench chose one.
     */
    static ProcessBuilder builder(Class<?> main, List<String> jvmOptions, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(main, jvmOptions, args));
        KernelFamilies.forDendrite().ifPresent(family -> builder.environment().put(KernelFamilies.VARIABLE, family));
        return builder;
    }

    /** The command line that runs {@code main} with {@code jvmOptions} and {@code args}. */
    static List<String> command(Class<?> main, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-X"))
                .forEach(command::add);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** The bench's class path: Maven's exec:java puts it in a class loader, not in java.class.path. */
    static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader
                && loader.getURLs().length > 0) {
            return Arrays.stream(loader.getURLs())
                    .map(url -> Path.of(URI.create(url.toString())).toString())
                    .collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }
}
