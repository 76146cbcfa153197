package io.jenkins.plugins.magentodmt.core;

import java.util.Optional;

/** The caller was interrupted (a build abort); by then the host was asked to restore, and this says how that went. */
public final class UpgradeInterruptedException extends InterruptedException {
    private static final long serialVersionUID = 1L;
    private final String hostStatus;
    /** What the host reported, for the engine to turn into the report; not sent anywhere (HostFacts is not Serializable). */
    final transient HostFacts hostResult;
    /** The whole report, as a run that was not interrupted would return it; stays on the side that ran the upgrade. */
    private transient UpgradeReport report;

    public UpgradeInterruptedException(String hostStatus, String hostMessage) {
        this(hostStatus, hostMessage, null);
    }

    UpgradeInterruptedException(HostFacts hostResult) {
        this(hostResult.get("status"), hostResult.get("message"), hostResult);
    }

    private UpgradeInterruptedException(String hostStatus, String hostMessage, HostFacts hostResult) {
        super("Interrupted during the upgrade; on the host: " + hostStatus + " (" + hostMessage + ")");
        this.hostStatus = hostStatus;
        this.hostResult = hostResult;
    }

    /** FAILED_RESTORED when the host is back to the backup's bytes; UPGRADED when Composer had already finished. */
    public String hostStatus() {
        return hostStatus;
    }

    /**
     * The report of the interrupted run, with the host's outcome applied and checked as in any other run
     * (FAILED_RESTORED only with both restore checks passed; INTERRUPTED when the wait for the host was cut short).
     * Empty when the exception crossed a process boundary or was made outside the engine.
     */
    public Optional<UpgradeReport> report() {
        return Optional.ofNullable(report);
    }

    UpgradeInterruptedException withReport(UpgradeReport report) {
        this.report = report;
        return this;
    }
}
