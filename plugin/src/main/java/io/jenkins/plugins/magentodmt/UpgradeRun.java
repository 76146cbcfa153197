package io.jenkins.plugins.magentodmt;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.magentodmt.core.StartedUpgrade;
import io.jenkins.plugins.magentodmt.core.UpgradeStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.security.MasterToSlaveCallable;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * One run of the upgrade, shared by the Pipeline step and the freestyle build step. Credentials are resolved here, on
 * the controller; the SSH work runs on the workspace's agent in two calls, with the backup archived in between, so
 * that the artifact exists before Composer touches the host.
 */
final class UpgradeRun {
    /** Where the backups go, in the workspace and among the build's artifacts. Kept in the workspace after archiving. */
    static final String BACKUP_DIR = "magento-dmt-backup";

    /** Tests swap this for doubles; production never changes it. */
    static volatile JenkinsServices services = JenkinsServices.JENKINS;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UpgradeOptions options;
    private final Run<?, ?> run;
    private final FilePath workspace;
    private final Launcher launcher;
    private final TaskListener listener;

    UpgradeRun(UpgradeOptions options, Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener) {
        this.options = options;
        this.run = run;
        this.workspace = workspace;
        this.launcher = launcher;
        this.listener = listener;
    }

    /**
     * Runs it; the summary is on the build as an action. With {@code failOnError} a failed upgrade fails the build with
     * the engine's message; without, the summary is returned (what could not even start still fails).
     */
    UpgradeSummary perform(boolean failOnError) throws IOException, InterruptedException {
        return perform(failOnError, (started, committing) -> { });
    }

    /** Where a Pipeline step keeps what a controller restart must find: the upgrade on the host, and its phase. */
    interface Checkpoint {
        void save(StartedUpgrade started, boolean committing) throws InterruptedException;
    }

    UpgradeSummary perform(boolean failOnError, Checkpoint checkpoint) throws IOException, InterruptedException {
        SshLogin login = sshLogin();
        ComposerLogin composer = composerLogin();
        BackupPassphrase encryption = options.checkOnly ? null : backupPassphrase();
        String holder = holderOf(run);
        PrintStream log = listener.getLogger();
        resolveControllerKey();
        log.println(Messages.Log_Start(options.checkOnly ? "Checking" : options.dryRun ? "Dry run on" : "Upgrading on",
                login.user(), options.host, String.valueOf(options.port), options.magentoRoot, options.hostKeyVerification.describe()));
        if (options.checkOnly) {
            UpgradeSummary checked = onAgent(new CheckCallable(options, login, composer, workspace.getRemote(), holder, listener));
            return finish(checked, !failOnError || !options.failOnMismatch && UpgradeStatus.MISMATCHED.name().equals(checked.getStatus()));
        }
        PrepareUpgradeCallable.Prepared prepared = onAgent(new PrepareUpgradeCallable(options, login, composer, encryption,
                workspace.getRemote(), backupDir(), holder, listener));
        if (!prepared.summary.getCredentialFiles().isEmpty() && !prepared.summary.isBackupEncrypted()) {
            log.println(Messages.Log_Warning(Messages.Log_CredentialsInTheClear()));
        }
        if (prepared.ticket == null) {
            return finish(prepared.summary, !failOnError);
        }
        try {
            checkpoint.save(prepared.ticket, false);
            archive(prepared.summary);
            checkpoint.save(prepared.ticket, true);
        } catch (IOException | InterruptedException | RuntimeException e) {
            abandon(login, prepared.ticket);
            throw e;
        }
        return finish(commit(login, composer, prepared.ticket), !failOnError);
    }

    /** After a controller restart during the host-side transaction: follows it there to its outcome, as perform would. */
    UpgradeSummary followAfterRestart(StartedUpgrade started, boolean failOnError) throws IOException, InterruptedException {
        listener.getLogger().println(Messages.Log_Resumed(options.host, options.magentoRoot));
        UpgradeSummary followed = onAgent(finishing(sshLogin(), null, started, FinishUpgradeCallable.Action.FOLLOW));
        return finish(followed, !failOnError);
    }

    /** After a controller restart before Composer ran: nothing changed on the host; its lock is released. */
    AbortException releaseAfterRestart(StartedUpgrade started) throws IOException, InterruptedException {
        onAgent(finishing(sshLogin(), null, started, FinishUpgradeCallable.Action.ABANDON));
        return new AbortException(Messages.Resume_BeforeComposer(options.host, options.magentoRoot));
    }

    /**
     * Runs the host-side transaction. An abort cuts this agent call: the host is then asked, through a separate one,
     * to stop and restore, and what it did is on the build (its action and log) before the abort goes on. A second
     * abort stops that wait; the host finishes by itself and the next run reports it.
     */
    private UpgradeSummary commit(SshLogin login, ComposerLogin composer, StartedUpgrade ticket)
            throws IOException, InterruptedException {
        try {
            return onAgent(finishing(login, composer, ticket, FinishUpgradeCallable.Action.COMMIT));
        } catch (InterruptedException e) {
            PrintStream log = listener.getLogger();
            log.println(Messages.Log_Stopping());
            try {
                UpgradeSummary stopped = onAgent(finishing(login, null, ticket, FinishUpgradeCallable.Action.STOP));
                record(stopped);
                if (UpgradeStatus.FAILED_RESTORED.name().equals(stopped.getStatus())) {
                    log.println(Messages.Log_Restored());
                }
            } catch (InterruptedException again) {
                log.println(Messages.Log_StoppedWaiting());
            } catch (IOException failed) {
                log.println(Messages.Log_Warning(Messages.Log_StopFailed(failed.getMessage())));
            }
            throw e;
        }
    }

    private FinishUpgradeCallable finishing(SshLogin login, ComposerLogin composer, StartedUpgrade ticket,
                                            FinishUpgradeCallable.Action action) {
        return new FinishUpgradeCallable(options, login, composer, ticket, action, workspace.getRemote(), listener);
    }

    /**
     * Who holds the host's lock: the build ("job/path#7", cut from the front to stay within the engine's 200
     * characters; the build number is at the end) and a random part, since two steps of one build are two holders.
     */
    static String holderOf(Run<?, ?> run) {
        String id = run.getExternalizableId().replaceAll("\\p{Cntrl}", "_");
        if (id.length() > 170) {
            id = "..." + id.substring(id.length() - 167);
        }
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return "jenkins " + id + " " + HexFormat.of().formatHex(random);
    }

    /**
     * With the controller's host keys, the controller decides which key the agent may accept, before any credential
     * leaves for the agent's connection: the kept key, else (trust the first key) the one the host shows now, recorded.
     */
    private void resolveControllerKey() throws IOException, InterruptedException {
        if (!(options.hostKeyVerification instanceof ControllerHostKeysVerification)) {
            return;
        }
        MagentoHostKeys keys = services.hostKeys();
        String key = keys.keyOf(options.host, options.port);
        if (key == null) {
            if (!keys.isTrustFirstKey()) {
                throw new AbortException(Messages.HostKey_NoControllerKey(options.host + ":" + options.port));
            }
            String shown = onAgent(new ScanHostKeyCallable(options));
            key = keys.recordFirstKey(options.host, options.port, shown);
            listener.getLogger().println(Messages.Log_Warning(Messages.HostKey_RecordedFirst(options.host + ":" + options.port, key)));
        }
        options.controllerKey = key;
    }

    private SshLogin sshLogin() throws AbortException {
        StandardUsernameCredentials c = services.credentialForRun(options.credentialsId, StandardUsernameCredentials.class, run);
        if (c == null) {
            throw new AbortException(Messages.Credentials_SshNotFound(options.credentialsId));
        }
        return SshLogin.of(options.credentialsId, c);
    }

    private ComposerLogin composerLogin() throws AbortException {
        if (options.composerCredentialsId == null) {
            return null;
        }
        StandardUsernamePasswordCredentials c = services.credentialForRun(options.composerCredentialsId,
                StandardUsernamePasswordCredentials.class, run);
        if (c == null) {
            throw new AbortException(Messages.Credentials_ComposerNotFound(options.composerCredentialsId));
        }
        return ComposerLogin.of(c);
    }

    private BackupPassphrase backupPassphrase() throws AbortException {
        if (options.backupEncryptionCredentialsId == null) {
            return null;
        }
        StringCredentials c = services.credentialForRun(options.backupEncryptionCredentialsId, StringCredentials.class, run);
        if (c == null) {
            throw new AbortException(Messages.Credentials_BackupEncryptionNotFound(options.backupEncryptionCredentialsId));
        }
        return BackupPassphrase.of(options.backupEncryptionCredentialsId, c);
    }

    /** One folder per host, so that upgrading several hosts in one workspace never mixes their backups. */
    private String backupDir() {
        return BACKUP_DIR + "/" + options.host.replaceAll("[^A-Za-z0-9.-]", "_");
    }

    private void archive(UpgradeSummary summary) throws IOException, InterruptedException {
        archive(summary.getBackupArtifact(), summary.getBackupSha256(), summary.getCustomizationsArtifact());
    }

    /** The paths come from the agent, so the controller checks them before it archives anything. */
    void archive(String backup, String sha256, String customizations) throws IOException, InterruptedException {
        requireArchivable(backup);
        if (!customizations.isEmpty()) {
            requireArchivable(customizations);
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put(backup, backup);
        if (!customizations.isEmpty()) {
            files.put(customizations, customizations);
        }
        services.archive(run, workspace, launcher, listener, files);
        listener.getLogger().println(Messages.Log_Archived(backup, sha256));
        if (!customizations.isEmpty()) {
            listener.getLogger().println(Messages.Log_ArchivedCustomizations(customizations));
        }
    }

    /** A plain path under this run's backup folder (no "..", ".", empty or absolute part), not yet an artifact. */
    private void requireArchivable(String path) throws IOException, InterruptedException {
        String folder = backupDir() + "/";
        String rest = path.startsWith(folder) ? path.substring(folder.length()) : "";
        boolean plain = !rest.isEmpty() && !rest.contains("\\") && Arrays.stream(rest.split("/", -1))
                .noneMatch(part -> part.isEmpty() || part.equals(".") || part.equals(".."));
        if (!plain) {
            throw new AbortException(Messages.Archive_OutsideBackupFolder(path, folder));
        }
        if (services.artifactExists(run, path)) {
            throw new AbortException(Messages.Archive_Exists(path));
        }
    }

    private void abandon(SshLogin login, StartedUpgrade ticket) {
        try {
            onAgent(finishing(login, null, ticket, FinishUpgradeCallable.Action.ABANDON));
        } catch (IOException e) {
            listener.getLogger().println(Messages.Log_AbandonFailed(e.getMessage()));
        } catch (InterruptedException e) {
            // A second abort: the held upgrade expires on the agent and releases the lock then.
            Thread.currentThread().interrupt();
            listener.getLogger().println(Messages.Log_AbandonFailed(e.getMessage()));
        }
    }

    /** The outcome on the build: its page (an action per upgrade) and its log. */
    private void record(UpgradeSummary summary) {
        run.addAction(new UpgradeAction(summary, run.getActions(UpgradeAction.class).size() + 1));
        listener.getLogger().println(Messages.Log_Result(summary.getStatus(), summary.getMessage()));
        for (String file : summary.getCustomizedFiles()) {
            listener.getLogger().println(Messages.Log_Info("customized: " + file));
        }
    }

    private UpgradeSummary finish(UpgradeSummary summary, boolean tolerated) throws AbortException {
        record(summary);
        if (summary.isSucceeded() || tolerated) {
            return summary;
        }
        if (UpgradeStatus.FAILED_NOT_RESTORED.name().equals(summary.getStatus())) {
            throw new AbortException(Messages.Upgrade_NotRestored(summary.getMessage(), summary.getRestoreInstructions()));
        }
        if (UpgradeStatus.INTERRUPTED.name().equals(summary.getStatus())) {
            throw new AbortException(Messages.Upgrade_Interrupted(options.host, summary.getMessage()));
        }
        if (UpgradeStatus.MISMATCHED.name().equals(summary.getStatus())) {
            throw new AbortException(Messages.Upgrade_Mismatch(summary.getMessage()));
        }
        throw new AbortException(Messages.Upgrade_Failed(options.host, summary.getMessage()));
    }

    /** Runs a callable where the workspace is; the callables throw only IOException, InterruptedException or unchecked. */
    private <V> V onAgent(MasterToSlaveCallable<V, Exception> callable) throws IOException, InterruptedException {
        try {
            return workspace.act(callable);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
