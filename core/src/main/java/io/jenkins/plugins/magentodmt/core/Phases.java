package io.jenkins.plugins.magentodmt.core;

import java.io.IOException;
import java.time.Duration;

/** Times each phase, tells the listener, and records the time in the report. */
final class Phases {
    interface Work<T> {
        T run() throws DmtException, IOException, InterruptedException;
    }

    private final ProgressListener progress;

    Phases(ProgressListener progress) {
        this.progress = progress;
    }

    <T> T run(Phase phase, UpgradeReport report, Work<T> work) throws DmtException, IOException, InterruptedException {
        progress.phaseStarted(phase);
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            report.phaseMillis.put(phase.name(), took.toMillis());
            progress.phaseFinished(phase, took);
        }
    }
}
