package io.jenkins.plugins.magentodmt;

import hudson.model.TaskListener;
import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.DmtUpgrader;
import io.jenkins.plugins.magentodmt.core.PreparedUpgrade;
import io.jenkins.plugins.magentodmt.core.StartedUpgrade;
import io.jenkins.plugins.magentodmt.core.SshHost;
import io.jenkins.plugins.magentodmt.core.UpgradeRequest;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import jenkins.security.MasterToSlaveCallable;

/**
 * Phase one, on the agent that holds the workspace: connect, check, lock, back up and download the backup into the
 * workspace. Nothing in the Magento root has changed when it returns; the connection stays open, held for phase two.
 */
final class PrepareUpgradeCallable extends MasterToSlaveCallable<PrepareUpgradeCallable.Prepared, Exception> {
    private static final long serialVersionUID = 1L;
    /** The host's lock outlives the run's timeout by 10 minutes; a held upgrade must be given up before that. */
    private static final Duration GIVE_UP_BEFORE_LOCK_EXPIRES = Duration.ofMinutes(5);

    private final UpgradeOptions options;
    private final SshLogin login;
    private final ComposerLogin composer;
    /** Null unless the backup is to be encrypted. */
    private final BackupPassphrase encryption;
    private final String workspace;
    private final String backupDir;
    private final String holder;
    private final TaskListener listener;

    PrepareUpgradeCallable(UpgradeOptions options, SshLogin login, ComposerLogin composer, BackupPassphrase encryption, String workspace,
                           String backupDir, String holder, TaskListener listener) {
        this.options = options;
        this.login = login;
        this.composer = composer;
        this.encryption = encryption;
        this.workspace = workspace;
        this.backupDir = backupDir;
        this.holder = holder;
        this.listener = listener;
    }

    /** The outcome of phase one: the prepared upgrade's ticket, or null when the report is already final. */
    static final class Prepared implements Serializable {
        private static final long serialVersionUID = 1L;
        final StartedUpgrade ticket;
        final UpgradeSummary summary;

        Prepared(StartedUpgrade ticket, UpgradeSummary summary) {
            this.ticket = ticket;
            this.summary = summary;
        }
    }

    @Override
    public Prepared call() throws IOException, InterruptedException {
        Path ws = Path.of(workspace);
        try {
            UpgradeRequest request = options.toRequest(ws.resolve(backupDir), AgentWork.composerAuth(options, composer),
                    encryption == null ? null : encryption.toSecretText(), holder);
            SshHost host = AgentWork.connect(options, login, listener);
            boolean held = false;
            try {
                DmtUpgrader upgrader = new DmtUpgrader(host, new BuildLogProgress(listener));
                PreparedUpgrade prepared = upgrader.prepare(request);
                UpgradeSummary summary = UpgradeSummary.of(prepared.report(), ws);
                if (prepared.isFinished()) {
                    return new Prepared(null, summary);
                }
                StartedUpgrade ticket = prepared.transaction();
                // The connection is kept for phase two while this JVM lives; the ticket works without it.
                HeldUpgrades.hold(ticket.holder(), new HeldUpgrades.Held(host, upgrader, prepared),
                        options.timeout().plus(GIVE_UP_BEFORE_LOCK_EXPIRES));
                held = true;
                return new Prepared(ticket, summary);
            } finally {
                if (!held) {
                    HeldUpgrades.closeQuietly(host);
                }
            }
        } catch (DmtException | IOException e) {
            // An AbortException (an IOException) comes back unchanged; anything else becomes one.
            throw AgentWork.failure(options, e);
        }
    }
}
