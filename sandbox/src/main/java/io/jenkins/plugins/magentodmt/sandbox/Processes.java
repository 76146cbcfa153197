package io.jenkins.plugins.magentodmt.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs local tools (composer, ssh-keygen, useradd, ...) and captures their output. */
final class Processes {

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private Processes() {
    }

    static CommandResult run(List<String> command, Path dir, Map<String, String> env) throws IOException {
        return run(command, dir, env, DEFAULT_TIMEOUT);
    }

    /** Runs to completion with stdin closed; kills the process and fails if it outlives the timeout. */
    static CommandResult run(List<String> command, Path dir, Map<String, String> env, Duration timeout)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        // Both streams are drained at once: a full stderr pipe would otherwise block a chatty Composer.
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("Timed out after " + timeout + ": " + command);
            }
            return new CommandResult(process.exitValue(), stdout.join(), stderr.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command, e);
        }
    }

    /** Like {@link #run} but throws when the command exits non-zero. */
    static CommandResult check(List<String> command, Path dir, Map<String, String> env) throws IOException {
        CommandResult result = run(command, dir, env);
        if (!result.ok()) {
            throw new IOException("Command failed: " + command + "\n" + result);
        }
        return result;
    }

    /** A thread of its own per stream: the common pool may have a single thread on a small machine. */
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (in) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                result.complete(out.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        }, "sandbox-process-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }
}
