package io.jenkins.plugins.magentodmt.core;

/**
 * The caller was interrupted after the lock was taken and before anything in the root changed (while the backup was
 * downloaded, or just before the upgrade would have started): the engine gave the lock back, or tried to.
 */
public final class UpgradeAbandonedException extends InterruptedException {
    private static final long serialVersionUID = 1L;
    private final boolean lockReleased;

    UpgradeAbandonedException(boolean lockReleased) {
        super("Interrupted before any change; " + (lockReleased ? "the lock was released"
                : "the lock could not be released (the next run reports it as stale)"));
        this.lockReleased = lockReleased;
    }

    /** False when release.sh did not run to its end (no connection, or interrupted again): the lock stays on the host. */
    public boolean lockReleased() {
        return lockReleased;
    }
}
