package io.jenkins.plugins.magentodmt.core;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
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

    /** True when nothing is left to do: the report is final. */
    public boolean isFinished() {
        return finished;
    }

    /** The report so far: versions, backup file and checksum, customizations. */
    public UpgradeReport report() {
        return report;
    }

    /**
     * What identifies this upgrade on the host, to carry it to another process or machine (a Jenkins agent that
     * reconnected, a controller that restarted) and commit, cancel or follow it there over a new connection. The
     * lock on the host is the state; the ticket holds no secret: the Composer credentials are given again.
     */
    public Ticket ticket() {
        if (finished) {
            throw new IllegalStateException("nothing to carry on: " + report.status);
        }
        return new Ticket(request.magentoRoot(), target, new LinkedHashMap<>(params), ownerCommand, request.timeout().toSeconds(),
                request.holder(), report);
    }

    /** The prepared upgrade a ticket names, with the Composer credentials (null without) for the transaction. */
    public static PreparedUpgrade of(Ticket t, SecretText composerAuth) throws DmtException {
        UpgradeRequest request = UpgradeRequest.builder(t.magentoRoot()).composerAuth(composerAuth)
                .timeout(Duration.ofSeconds(t.timeoutSeconds())).holder(t.holder()).version(t.target()).build();
        return new PreparedUpgrade(request, null, t.target(), new LinkedHashMap<>(t.params()), t.ownerCommand(), t.report(), false);
    }

    /** A prepared upgrade, as a value: the host-side parameters (validated when the upgrade was prepared), no secret. */
    public record Ticket(String magentoRoot, String target, Map<String, String> params, String ownerCommand, long timeoutSeconds,
                         String holder, UpgradeReport report) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Who holds the host's lock for this upgrade. */
        public String holder() {
            return holder;
        }
    }
}
