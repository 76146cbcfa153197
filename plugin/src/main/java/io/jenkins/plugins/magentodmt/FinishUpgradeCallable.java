package io.jenkins.plugins.magentodmt;

import hudson.model.TaskListener;
import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.DmtUpgrader;
import io.jenkins.plugins.magentodmt.core.StartedUpgrade;
import io.jenkins.plugins.magentodmt.core.RemoteHost;
import io.jenkins.plugins.magentodmt.core.UpgradeInterruptedException;
import io.jenkins.plugins.magentodmt.core.UpgradeReport;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.security.MasterToSlaveCallable;

/**
 * Phase two, on the agent, for a prepared upgrade named by its ticket (the host's lock is the state between the
 * phases): commit it (the host-side transaction runs Composer, and restores the host on failure or abort), abandon it
 * (release the lock; nothing had changed), or stop a committed one (the host restores) and report what the host did.
 * The connection phase one left open is reused while it is there; otherwise this connects again, so an agent that
 * reconnected, or another agent call while the first still runs (an abort), works alike.
 */
final class FinishUpgradeCallable extends MasterToSlaveCallable<UpgradeSummary, Exception> {
    private static final long serialVersionUID = 1L;

    enum Action { COMMIT, ABANDON, STOP, FOLLOW }

    private final UpgradeOptions options;
    private final SshLogin login;
    private final ComposerLogin composer;
    private final StartedUpgrade ticket;
    private final Action action;
    private final String workspace;
    private final TaskListener listener;

    FinishUpgradeCallable(UpgradeOptions options, SshLogin login, ComposerLogin composer, StartedUpgrade ticket,
                          Action action, String workspace, TaskListener listener) {
        this.options = options;
        this.login = login;
        this.composer = composer;
        this.ticket = ticket;
        this.action = action;
        this.workspace = workspace;
        this.listener = listener;
    }

    /** The final summary after a commit or a stop, null after an abandon. */
    @Override
    public UpgradeSummary call() throws IOException, InterruptedException {
        // A stop runs beside the commit: it never takes the commit's connection.
        HeldUpgrades.Held held = action == Action.STOP || action == Action.FOLLOW ? null : HeldUpgrades.take(ticket.holder());
        RemoteHost host = null;
        try {
            host = held != null ? held.host : AgentWork.connect(options, login, listener);
            DmtUpgrader upgrader = new DmtUpgrader(host, new BuildLogProgress(listener));
            UpgradeReport report;
            switch (action) {
                case ABANDON -> {
                    if (held != null) {
                        upgrader.abandon(held.prepared);
                    } else {
                        upgrader.abandon(ticket);
                    }
                    return null;
                }
                case STOP -> report = upgrader.cancel(ticket);
                case FOLLOW -> report = upgrader.follow(ticket);
                default -> report = held != null ? upgrader.commit(held.prepared)
                        : upgrader.commit(ticket, AgentWork.composerAuth(options, composer));
            }
            return UpgradeSummary.of(report, Path.of(workspace));
        } catch (UpgradeInterruptedException e) {
            // Said here, on the agent: over remoting the controller's own InterruptedException arrives first.
            listener.error(e.getMessage());
            throw e;
        } catch (DmtException | IOException e) {
            // An AbortException (an IOException) comes back unchanged; anything else becomes one.
            throw AgentWork.failure(options, e);
        } finally {
            if (host != null) {
                HeldUpgrades.closeQuietly(host);
            }
        }
    }
}
