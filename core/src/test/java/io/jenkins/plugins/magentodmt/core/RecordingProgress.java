package io.jenkins.plugins.magentodmt.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps everything the engine showed, so tests can search it (for secrets, say). */
final class RecordingProgress implements ProgressListener {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<Phase> phases = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void phaseStarted(Phase phase) {
        phases.add(phase);
        lines.add("[" + phase.number() + "/" + Phase.count() + "] " + phase.title());
    }

    @Override
    public void phaseFinished(Phase phase, Duration took) {
        lines.add("[" + phase.number() + "/" + Phase.count() + "] " + phase.title() + " " + took.toMillis() + " ms");
    }

    @Override
    public void output(String line) {
        lines.add("| " + line);
    }

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warning(String message) {
        lines.add("WARN " + message);
    }

    String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
