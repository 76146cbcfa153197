package io.jenkins.plugins.magentodmt.core;

/** The caller was interrupted (a build abort); by then the host was asked to restore, and this says how that went. */
public final class UpgradeInterruptedException extends InterruptedException {
    private static final long serialVersionUID = 1L;
    private final String hostStatus;

    public UpgradeInterruptedException(String hostStatus, String hostMessage) {
        super("Interrupted during the upgrade; on the host: " + hostStatus + " (" + hostMessage + ")");
        this.hostStatus = hostStatus;
    }

    /** FAILED_RESTORED when the host is back to the backup's bytes; UPGRADED when Composer had already finished. */
    public String hostStatus() {
        return hostStatus;
    }
}
