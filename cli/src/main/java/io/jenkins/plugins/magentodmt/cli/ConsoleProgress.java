package io.jenkins.plugins.magentodmt.cli;

import io.jenkins.plugins.magentodmt.core.Phase;
import io.jenkins.plugins.magentodmt.core.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Progress on standard error, phase by phase: "[4/8] Locking and backing up … 0.4 s". */
final class ConsoleProgress implements ProgressListener {
    private final PrintStream err;

    ConsoleProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void phaseStarted(Phase phase) {
        err.printf("[%d/%d] %s …%n", phase.number(), Phase.count(), phase.title());
    }

    @Override
    public void phaseFinished(Phase phase, Duration took) {
        err.printf(Locale.ROOT, "[%d/%d] %s … %.1f s%n", phase.number(), Phase.count(), phase.title(), took.toMillis() / 1000.0);
    }

    @Override
    public void output(String line) {
        err.println("    | " + line);
    }

    @Override
    public void info(String message) {
        err.println("    " + message);
    }

    @Override
    public void warning(String message) {
        err.println("WARNING: " + message);
    }
}
