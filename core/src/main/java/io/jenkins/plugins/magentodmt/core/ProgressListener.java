package io.jenkins.plugins.magentodmt.core;

import java.time.Duration;

/** What a front end shows while the engine works. Every method may be called from the engine's thread only. */
public interface ProgressListener {

    default void phaseStarted(Phase phase) {
    }

    default void phaseFinished(Phase phase, Duration took) {
    }

    /** A line of Composer's (or the host's) output, live. */
    default void output(String line) {
    }

    default void info(String message) {
    }

    default void warning(String message) {
    }

    ProgressListener NONE = new ProgressListener() {
    };
}
