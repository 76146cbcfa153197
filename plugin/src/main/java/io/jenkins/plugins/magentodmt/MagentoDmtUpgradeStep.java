package io.jenkins.plugins.magentodmt;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import io.jenkins.plugins.magentodmt.core.StartedUpgrade;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Map;
import java.util.logging.Logger;
import java.util.logging.Level;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.time.Duration;
import java.io.IOException;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code magentoDmtUpgrade}: upgrades the Data Migration Tool on a Magento host over SSH and returns what it did.
 * Values are taken literally, as Pipeline expects; use Groovy strings for variables.
 */
public class MagentoDmtUpgradeStep extends Step implements UpgradeParameters {
    private final String host;
    private int port = DEFAULT_PORT;
    private final String credentialsId;
    private final String magentoRoot;
    @CheckForNull
    private String version;
    @CheckForNull
    private String fileSystemOwner;
    private String composerCommand = DEFAULT_COMPOSER_COMMAND;
    @CheckForNull
    private String composerCredentialsId;
    @CheckForNull
    private String backupEncryptionCredentialsId;
    private HostKeyVerification hostKeyVerification = new KnownHostsFileVerification();
    private boolean fullBackup;
    private boolean keepCustomFiles;
    private boolean compileAfterUpgrade;
    private boolean dryRun;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private boolean checkOnly;
    // Boxed so that readResolve can tell "absent from a saved job" (null) from a saved false.
    private Boolean failOnMismatch = Boolean.TRUE;
    private boolean allowRoot;
    // Null unless a Jenkinsfile asks: a freestyle job, whose form has no such field, never saves it.
    private Boolean breakLock;
    private String composerRepositoryHost = DEFAULT_COMPOSER_REPOSITORY_HOST;
    private Boolean failOnError;

    @DataBoundConstructor
    public MagentoDmtUpgradeStep(String host, String credentialsId, String magentoRoot) throws Descriptor.FormException {
        if (Util.fixEmptyAndTrim(host) == null) {
            throw new Descriptor.FormException(Messages.Validation_Required(Messages.Validation_Required_Host()), "host");
        }
        if (Util.fixEmptyAndTrim(credentialsId) == null) {
            throw new Descriptor.FormException(Messages.Validation_Required(Messages.Validation_Required_CredentialsId()), "credentialsId");
        }
        if (Util.fixEmptyAndTrim(magentoRoot) == null) {
            throw new Descriptor.FormException(Messages.Validation_Required(Messages.Validation_Required_MagentoRoot()), "magentoRoot");
        }
        this.host = host.trim();
        this.credentialsId = credentialsId.trim();
        this.magentoRoot = magentoRoot.trim();
    }

    @Override
    public String getHost() {
        return host;
    }

    @Override
    public int getPort() {
        return port;
    }

    @DataBoundSetter
    public void setPort(int port) {
        this.port = port;
    }

    @Override
    public String getCredentialsId() {
        return credentialsId;
    }

    @Override
    public String getMagentoRoot() {
        return magentoRoot;
    }

    @Override
    @CheckForNull
    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(@CheckForNull String version) {
        this.version = Util.fixEmptyAndTrim(version);
    }

    @Override
    @CheckForNull
    public String getFileSystemOwner() {
        return fileSystemOwner;
    }

    @DataBoundSetter
    public void setFileSystemOwner(@CheckForNull String fileSystemOwner) {
        this.fileSystemOwner = Util.fixEmptyAndTrim(fileSystemOwner);
    }

    @Override
    public String getComposerCommand() {
        return composerCommand;
    }

    @DataBoundSetter
    public void setComposerCommand(String composerCommand) {
        this.composerCommand = Util.fixEmptyAndTrim(composerCommand) == null ? DEFAULT_COMPOSER_COMMAND : composerCommand.trim();
    }

    @Override
    @CheckForNull
    public String getComposerCredentialsId() {
        return composerCredentialsId;
    }

    @DataBoundSetter
    public void setComposerCredentialsId(@CheckForNull String composerCredentialsId) {
        this.composerCredentialsId = Util.fixEmptyAndTrim(composerCredentialsId);
    }

    @Override
    @CheckForNull
    public String getBackupEncryptionCredentialsId() {
        return backupEncryptionCredentialsId;
    }

    @DataBoundSetter
    public void setBackupEncryptionCredentialsId(@CheckForNull String backupEncryptionCredentialsId) {
        this.backupEncryptionCredentialsId = Util.fixEmptyAndTrim(backupEncryptionCredentialsId);
    }

    @Override
    public HostKeyVerification getHostKeyVerification() {
        return hostKeyVerification;
    }

    @DataBoundSetter
    public void setHostKeyVerification(HostKeyVerification hostKeyVerification) {
        this.hostKeyVerification = hostKeyVerification == null ? new KnownHostsFileVerification() : hostKeyVerification;
    }

    @Override
    public boolean isFullBackup() {
        return fullBackup;
    }

    @DataBoundSetter
    public void setFullBackup(boolean fullBackup) {
        this.fullBackup = fullBackup;
    }

    @Override
    public boolean isKeepCustomFiles() {
        return keepCustomFiles;
    }

    @DataBoundSetter
    public void setKeepCustomFiles(boolean keepCustomFiles) {
        this.keepCustomFiles = keepCustomFiles;
    }

    @Override
    public boolean isCompileAfterUpgrade() {
        return compileAfterUpgrade;
    }

    @DataBoundSetter
    public void setCompileAfterUpgrade(boolean compileAfterUpgrade) {
        this.compileAfterUpgrade = compileAfterUpgrade;
    }

    @Override
    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    @Override
    public boolean isCheckOnly() {
        return checkOnly;
    }

    @DataBoundSetter
    public void setCheckOnly(boolean checkOnly) {
        this.checkOnly = checkOnly;
    }

    @Override
    public boolean isFailOnMismatch() {
        return !Boolean.FALSE.equals(failOnMismatch);
    }

    @DataBoundSetter
    public void setFailOnMismatch(boolean failOnMismatch) {
        this.failOnMismatch = failOnMismatch;
    }

    @Override
    public boolean isAllowRoot() {
        return allowRoot;
    }

    @DataBoundSetter
    public void setAllowRoot(boolean allowRoot) {
        this.allowRoot = allowRoot;
    }

    public boolean isBreakLock() {
        return Boolean.TRUE.equals(breakLock);
    }

    @DataBoundSetter
    public void setBreakLock(boolean breakLock) {
        this.breakLock = breakLock ? Boolean.TRUE : null;
    }

    @Override
    public String getComposerRepositoryHost() {
        return composerRepositoryHost;
    }

    @DataBoundSetter
    public void setComposerRepositoryHost(String composerRepositoryHost) {
        this.composerRepositoryHost = Util.fixEmptyAndTrim(composerRepositoryHost) == null ? DEFAULT_COMPOSER_REPOSITORY_HOST : composerRepositoryHost.trim();
    }

    /** Pipeline only: false returns the result of a failed upgrade (its status says how it ended) instead of failing. */
    public boolean isFailOnError() {
        return !Boolean.FALSE.equals(failOnError);
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError ? null : Boolean.FALSE;
    }

    /**
     * A freestyle job saves these settings with XStream, which runs neither a constructor nor the field initializers:
     * a field that an older version did not write would be 0 or null. Give it its documented default. (0 is never a
     * valid port or timeout, so it can only mean "absent".)
     */
    protected Object readResolve() {
        if (port == 0) {
            port = DEFAULT_PORT;
        }
        if (composerCommand == null) {
            composerCommand = DEFAULT_COMPOSER_COMMAND;
        }
        if (hostKeyVerification == null) {
            hostKeyVerification = new KnownHostsFileVerification();
        }
        if (timeoutMinutes == 0) {
            timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
        }
        if (failOnMismatch == null) {
            failOnMismatch = Boolean.TRUE;
        }
        if (composerRepositoryHost == null) {
            composerRepositoryHost = DEFAULT_COMPOSER_REPOSITORY_HOST;
        }
        return this;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new MagentoDmtUpgradeStepExecution(this, context);
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "magentoDmtUpgrade";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MagentoDmtUpgradeStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class);
        }

        /** The flow graph shows where the step ran; never a secret (there is none among the arguments anyway). */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object host = namedArgs.get("host");
            Object root = namedArgs.get("magentoRoot");
            return host == null ? null : host + (root == null ? "" : ":" + root);
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return UpgradeForms.fillSshCredentials(item, credentialsId);
        }

        public ListBoxModel doFillComposerCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String composerCredentialsId) {
            return UpgradeForms.fillComposerCredentials(item, composerCredentialsId);
        }

        public ListBoxModel doFillBackupEncryptionCredentialsIdItems(@AncestorInPath Item item,
                                                                     @QueryParameter String backupEncryptionCredentialsId) {
            return UpgradeForms.fillSecretTextCredentials(item, backupEncryptionCredentialsId);
        }

        public FormValidation doCheckHost(@QueryParameter String value) {
            return UpgradeForms.checkHost(value);
        }

        public FormValidation doCheckPort(@QueryParameter String value) {
            return UpgradeForms.checkPort(value);
        }

        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            return UpgradeForms.checkRequired(value, Messages.Validation_Required_CredentialsId());
        }

        public FormValidation doCheckMagentoRoot(@QueryParameter String value) {
            return UpgradeForms.checkMagentoRoot(value);
        }

        public FormValidation doCheckVersion(@QueryParameter String value) {
            return UpgradeForms.checkVersion(value);
        }

        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return UpgradeForms.checkTimeoutMinutes(value);
        }

        @POST
        public FormValidation doTestConnection(@AncestorInPath Item item, @QueryParameter String host, @QueryParameter String port,
                                               @QueryParameter String credentialsId, @QueryParameter String magentoRoot,
                                               @QueryParameter String fileSystemOwner, @QueryParameter String composerCommand,
                                               @QueryParameter boolean allowRoot, @QueryParameter String key)
                throws InterruptedException {
            return UpgradeForms.testConnection(item, host, port, credentialsId, magentoRoot, fileSystemOwner, composerCommand,
                    allowRoot, key);
        }
    }
}
