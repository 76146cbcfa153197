package io.jenkins.plugins.magentodmt.core;

import java.util.Map;

/**
 * An upgrade up to the last moment before the first change: the lock is held, the backup is here. Either
 * {@link DmtUpgrader#commit} or {@link DmtUpgrader#abandon} it. A finished one (already current, dry run) needs neither.
 */
public final class PreparedUpgrade {
    final UpgradeRequest request;
    final Preflight.HostState state;
    final String target;
    final Map<String, String> params;
    final String ownerCommand;
    final UpgradeReport report;
    final boolean finished;

    PreparedUpgrade(UpgradeRequest request, Preflight.HostState state, String target, Map<String, String> params,
                    String ownerCommand, UpgradeReport report, boolean finished) {
        this.request = request;
        this.state = state;
        this.target = target;
        this.params = params;
        this.ownerCommand = ownerCommand;
        this.report = report;
        this.finished = finished;
    }

    /**
     * What identifies the host-side transaction that {@link DmtUpgrader#commit} starts: persist it before committing,
     * and a caller that lost the commit (a controller restart) attaches to it with {@link DmtUpgrader#follow}.
     */
    public StartedUpgrade transaction() {
        if (finished) {
            throw new IllegalStateException("no transaction to start: " + report.status);
        }
        return new StartedUpgrade(params, ownerCommand, target, request.timeout(), report);
    }

    /** True when nothing is left to do: the report is final. */
    public boolean isFinished() {
        return finished;
    }

    /** The report so far: versions, backup file and checksum, customizations. */
    public UpgradeReport report() {
        return report;
    }

}
