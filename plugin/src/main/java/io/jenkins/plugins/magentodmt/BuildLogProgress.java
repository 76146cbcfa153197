package io.jenkins.plugins.magentodmt;

import hudson.model.TaskListener;
import io.jenkins.plugins.magentodmt.core.Phase;
import io.jenkins.plugins.magentodmt.core.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Shows the engine's progress in the build log. The engine never hands it a secret. Every line is flushed as it is
 * written: from an agent the logger is a buffered remote stream, and a line still in a buffer when the controller
 * stops is lost.
 */
final class BuildLogProgress implements ProgressListener {
    private final PrintStream log;

    BuildLogProgress(TaskListener listener) {
        this.log = listener.getLogger();
    }

    private void line(String text) {
        log.println(text);
        log.flush();
    }

    @Override
    public void phaseStarted(Phase phase) {
        line(Messages.Log_Phase(String.valueOf(phase.number()), String.valueOf(Phase.count()), phase.title()));
    }

    @Override
    public void phaseFinished(Phase phase, Duration took) {
        // The next phase's line (or the result) marks the end; a second line per phase is noise.
    }

    @Override
    public void output(String line) {
        line(Messages.Log_Output(line));
    }

    @Override
    public void info(String message) {
        line(Messages.Log_Info(message));
    }

    @Override
    public void warning(String message) {
        line(Messages.Log_Warning(message));
    }
}
