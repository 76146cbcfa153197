package io.jenkins.plugins.magentodmt;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Util;
import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.SecretText;
import io.jenkins.plugins.magentodmt.core.UpgradeRequest;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * One run's parameters, with variables already expanded (freestyle) or taken literally (Pipeline). Serializable: it
 * goes to the agent. It holds credential ids only, never a secret.
 */
final class UpgradeOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String BREAK_LOCK_VARIABLE = "MAGENTO_DMT_BREAK_LOCK";

    final String host;
    final int port;
    final String credentialsId;
    final String magentoRoot;
    final String version;
    final String fileSystemOwner;
    final String composerCommand;
    final String composerCredentialsId;
    final String backupEncryptionCredentialsId;
    final HostKeyVerification hostKeyVerification;
    final boolean fullBackup;
    final boolean keepCustomFiles;
    final boolean compileAfterUpgrade;
    final boolean dryRun;
    final int timeoutMinutes;
    final boolean checkOnly;
    final boolean failOnMismatch;
    final boolean allowRoot;
    final boolean breakLock;
    final String composerRepositoryHost;
    /** With the controller's host keys: the key the controller resolved for this host, which the agent verifies. */
    String controllerKey;

    private UpgradeOptions(UpgradeParameters p, UnaryOperator<String> expand, boolean breakLock) {
        host = Util.fixNull(expanded(p.getHost(), expand)).trim();
        port = p.getPort();
        credentialsId = Util.fixNull(expanded(p.getCredentialsId(), expand)).trim();
        magentoRoot = Util.fixNull(expanded(p.getMagentoRoot(), expand)).trim();
        version = Util.fixEmptyAndTrim(expanded(p.getVersion(), expand));
        fileSystemOwner = Util.fixEmptyAndTrim(expanded(p.getFileSystemOwner(), expand));
        composerCommand = Util.fixEmptyAndTrim(expanded(p.getComposerCommand(), expand));
        composerCredentialsId = Util.fixEmptyAndTrim(expanded(p.getComposerCredentialsId(), expand));
        backupEncryptionCredentialsId = Util.fixEmptyAndTrim(expanded(p.getBackupEncryptionCredentialsId(), expand));
        hostKeyVerification = p.getHostKeyVerification() == null ? new KnownHostsFileVerification() : p.getHostKeyVerification();
        fullBackup = p.isFullBackup();
        keepCustomFiles = p.isKeepCustomFiles();
        compileAfterUpgrade = p.isCompileAfterUpgrade();
        dryRun = p.isDryRun();
        timeoutMinutes = p.getTimeoutMinutes();
        checkOnly = p.isCheckOnly();
        failOnMismatch = p.isFailOnMismatch();
        allowRoot = p.isAllowRoot();
        this.breakLock = breakLock;
        String repository = Util.fixEmptyAndTrim(expanded(p.getComposerRepositoryHost(), expand));
        composerRepositoryHost = repository == null ? UpgradeParameters.DEFAULT_COMPOSER_REPOSITORY_HOST : repository;
    }

    /** Pipeline: values are taken literally. */
    static UpgradeOptions literal(MagentoDmtUpgradeStep p) throws AbortException {
        return new UpgradeOptions(p, UnaryOperator.identity(), p.isBreakLock()).requireBasics();
    }

    /**
     * Freestyle: {@code ${VAR}} is expanded with the build's environment. Breaking a lock is decided for one build,
     * never saved with the job: a build variable {@value #BREAK_LOCK_VARIABLE}{@code =true} (a boolean parameter).
     */
    static UpgradeOptions expanded(UpgradeParameters p, EnvVars env) throws AbortException {
        return new UpgradeOptions(p, env::expand, "true".equalsIgnoreCase(env.get(BREAK_LOCK_VARIABLE))).requireBasics();
    }

    private static String expanded(String value, UnaryOperator<String> expand) {
        return value == null ? null : expand.apply(value);
    }

    private UpgradeOptions requireBasics() throws AbortException {
        if (host.isEmpty()) {
            throw new AbortException(Messages.Validation_Required(Messages.Validation_Required_Host()));
        }
        if (credentialsId.isEmpty()) {
            throw new AbortException(Messages.Validation_Required(Messages.Validation_Required_CredentialsId()));
        }
        if (magentoRoot.isEmpty()) {
            throw new AbortException(Messages.Validation_Required(Messages.Validation_Required_MagentoRoot()));
        }
        if (timeoutMinutes < 1 || timeoutMinutes > 24 * 60) {
            throw new AbortException(Messages.Validation_Timeout());
        }
        return this;
    }

    Duration timeout() {
        return Duration.ofMinutes(timeoutMinutes);
    }

    /** Runs on the agent; the engine validates every value that reaches a shell. */
    UpgradeRequest toRequest(Path backupDir, SecretText composerAuth, String holder) throws DmtException {
        return toRequest(backupDir, composerAuth, null, holder);
    }

    UpgradeRequest toRequest(Path backupDir, SecretText composerAuth, SecretText backupPassphrase, String holder) throws DmtException {
        return UpgradeRequest.builder(magentoRoot)
                .backupPassphrase(backupPassphrase)
                .version(version)
                .owner(fileSystemOwner)
                .composerCommand(composerCommand)
                .composerAuth(composerAuth)
                .backupDir(backupDir)
                .fullBackup(fullBackup)
                .keepCustomFiles(keepCustomFiles)
                .compileAfterUpgrade(compileAfterUpgrade)
                .dryRun(dryRun)
                .allowRoot(allowRoot)
                .breakLock(breakLock)
                .timeout(timeout())
                .holder(holder)
                .build();
    }
}
