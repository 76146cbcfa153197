package io.jenkins.plugins.magentodmt;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.UpgradeInterruptedException;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.security.MasterToSlaveCallable;

/**
 * Phase two, on the same agent: commit the held upgrade (the host-side transaction runs Composer, and restores the
 * host on failure or abort), or abandon it (release the lock; nothing had changed).
 */
final class FinishUpgradeCallable extends MasterToSlaveCallable<UpgradeSummary, Exception> {
    private static final long serialVersionUID = 1L;

    private final UpgradeOptions options;
    private final String heldId;
    private final boolean commit;
    private final String workspace;
    private final TaskListener listener;

    private FinishUpgradeCallable(UpgradeOptions options, String heldId, boolean commit, String workspace, TaskListener listener) {
        this.options = options;
        this.heldId = heldId;
        this.commit = commit;
        this.workspace = workspace;
        this.listener = listener;
    }

    static FinishUpgradeCallable commit(UpgradeOptions options, String heldId, String workspace, TaskListener listener) {
        return new FinishUpgradeCallable(options, heldId, true, workspace, listener);
    }

    static FinishUpgradeCallable abandon(UpgradeOptions options, String heldId, String workspace, TaskListener listener) {
        return new FinishUpgradeCallable(options, heldId, false, workspace, listener);
    }

    /** Returns the final summary after a commit, null after an abandon. */
    @Override
    public UpgradeSummary call() throws IOException, InterruptedException {
        HeldUpgrades.Held held = HeldUpgrades.take(heldId);
        if (held == null) {
            throw new AbortException(Messages.Upgrade_PreparedGone(heldId));
        }
        try {
            if (!commit) {
                held.upgrader.abandon(held.prepared);
                return null;
            }
            return UpgradeSummary.of(held.upgrader.commit(held.prepared), Path.of(workspace));
        } catch (UpgradeInterruptedException e) {
            // Said here, on the agent: over remoting the controller's own InterruptedException arrives first.
            listener.error(e.getMessage());
            throw e;
        } catch (DmtException | IOException e) {
            // An AbortException (an IOException) comes back unchanged; anything else becomes one.
            throw AgentWork.failure(options, e);
        } finally {
            HeldUpgrades.closeQuietly(held.host);
        }
    }
}
