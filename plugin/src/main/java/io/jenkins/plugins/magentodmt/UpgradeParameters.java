package io.jenkins.plugins.magentodmt;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.magentodmt.core.ComposerAuth;

/** The parameters the Pipeline step and the freestyle build step share; both expose them as bean properties. */
public interface UpgradeParameters {
    int DEFAULT_PORT = 22;
    int DEFAULT_TIMEOUT_MINUTES = 30;
    String DEFAULT_COMPOSER_COMMAND = "composer";
    String DEFAULT_COMPOSER_REPOSITORY_HOST = ComposerAuth.REPO_MAGENTO;

    String getHost();

    int getPort();

    String getCredentialsId();

    String getMagentoRoot();

    @CheckForNull
    String getVersion();

    @CheckForNull
    String getFileSystemOwner();

    String getComposerCommand();

    @CheckForNull
    String getComposerCredentialsId();

    /** A Secret text credential: the backup is encrypted on the host with it before it is archived. */
    @CheckForNull
    String getBackupEncryptionCredentialsId();

    HostKeyVerification getHostKeyVerification();

    boolean isFullBackup();

    boolean isKeepCustomFiles();

    /** Runs bin/magento setup:di:compile after the upgrade, inside the transaction. */
    boolean isCompileAfterUpgrade();

    boolean isDryRun();

    int getTimeoutMinutes();

    boolean isCheckOnly();

    boolean isFailOnMismatch();

    boolean isAllowRoot();

    String getComposerRepositoryHost();
}
