package io.jenkins.plugins.magentodmt;

import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.HostKeyScan;
import java.time.Duration;
import jenkins.security.MasterToSlaveCallable;

/** On the agent (network work runs there): the host key the Magento host shows, read without logging in. */
final class ScanHostKeyCallable extends MasterToSlaveCallable<String, Exception> {
    private static final long serialVersionUID = 1L;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final UpgradeOptions options;

    ScanHostKeyCallable(UpgradeOptions options) {
        this.options = options;
    }

    @Override
    public String call() throws Exception {
        try {
            return HostKeyScan.scan(options.host, options.port, TIMEOUT);
        } catch (DmtException e) {
            throw AgentWork.failure(options, e);
        }
    }
}
