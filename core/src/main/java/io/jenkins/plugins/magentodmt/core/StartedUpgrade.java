package io.jenkins.plugins.magentodmt.core;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What identifies one host-side transaction, so that a caller that lost it (a dropped connection, a restarted Jenkins
 * controller) can attach to it again with {@link DmtUpgrader#follow}. It holds no secret (the Composer credentials
 * are not needed to follow), so it may be persisted as it is.
 */
public final class StartedUpgrade implements Serializable {
    private static final long serialVersionUID = 1L;

    final LinkedHashMap<String, String> params;
    final String ownerCommand;
    final String target;
    final long timeoutSeconds;
    final UpgradeReport report;

    public StartedUpgrade(Map<String, String> params, String ownerCommand, String target, Duration timeout, UpgradeReport report) {
        this.params = new LinkedHashMap<>(params);
        this.ownerCommand = ownerCommand;
        this.target = target;
        this.timeoutSeconds = timeout.toSeconds();
        this.report = report;
    }

    public String magentoRoot() {
        return params.get("DMT_ROOT");
    }

    public String stateDir() {
        return params.get("DMT_STATE");
    }

    /** Who holds the lock, as the request named it. */
    public String holder() {
        return params.get("DMT_HOLDER");
    }

    /** The name of the host's backup: unique to the run, so it tells this transaction's result from any other. */
    public String run() {
        return params.get("DMT_BACKUP_NAME");
    }

    public String targetVersion() {
        return target;
    }

    /** The report as it was when the transaction was started: versions, backup, customizations. */
    public UpgradeReport preparedReport() {
        return report;
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    String owner() {
        return params.get("DMT_OWNER");
    }

    @Override
    public String toString() {
        return "StartedUpgrade[" + magentoRoot() + ", " + run() + " -> " + target + "]";
    }
}
