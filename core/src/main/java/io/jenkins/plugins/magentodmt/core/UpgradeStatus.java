package io.jenkins.plugins.magentodmt.core;

/** How a run ended, with the command line's exit code. */
public enum UpgradeStatus {
    UPGRADED(0),
    ALREADY_CURRENT(0),
    DRY_RUN(0),
    /** A check found the installed tool matching Magento. */
    MATCHED(0),
    /** A check found the installed tool not matching Magento (or no tool installed). */
    MISMATCHED(3),
    FAILED_RESTORED(4),
    FAILED_NOT_RESTORED(5),
    /**
     * The connection dropped while the host-side transaction ran and could not be re-established: the outcome is
     * unknown here. The host finishes or restores by itself, and the next run reports (or repairs) it.
     */
    INTERRUPTED(7);

    private final int exitCode;

    UpgradeStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
