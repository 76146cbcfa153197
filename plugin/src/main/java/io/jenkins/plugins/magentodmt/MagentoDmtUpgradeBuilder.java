package io.jenkins.plugins.magentodmt;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle build step "Upgrade Magento Data Migration Tool". Text fields may use the build's variables
 * ({@code ${MAGENTO_HOST}}); from Pipeline, use the {@code magentoDmtUpgrade} step instead, which returns the result.
 */
public class MagentoDmtUpgradeBuilder extends Builder implements SimpleBuildStep, UpgradeParameters {
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
    private HostKeyVerification hostKeyVerification = new KnownHostsFileVerification();
    private boolean fullBackup;
    private boolean keepCustomFiles;
    private boolean compileAfterUpgrade;
    private boolean dryRun;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private boolean checkOnly;
    // Boxed so that readResolve can tell "absent from an older config.xml" (null) from a saved false.
    private Boolean failOnMismatch = Boolean.TRUE;
    private boolean allowRoot;
    // Written by 0.1 (breaking a lock was a saved setting); read and dropped by readResolve, never written again.
    @SuppressWarnings("unused")
    private Boolean breakLock;
    private String composerRepositoryHost = DEFAULT_COMPOSER_REPOSITORY_HOST;

    @DataBoundConstructor
    public MagentoDmtUpgradeBuilder(String host, String credentialsId, String magentoRoot) throws Descriptor.FormException {
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

    @Override
    public String getComposerRepositoryHost() {
        return composerRepositoryHost;
    }

    @DataBoundSetter
    public void setComposerRepositoryHost(String composerRepositoryHost) {
        this.composerRepositoryHost = Util.fixEmptyAndTrim(composerRepositoryHost) == null ? DEFAULT_COMPOSER_REPOSITORY_HOST : composerRepositoryHost.trim();
    }

    /**
     * Jenkins reads config.xml with XStream, which runs neither a constructor nor the field initializers: a field that
     * an older version of the plugin did not write would be 0, null or false. Give it its documented default. (0 is
     * never a valid port or timeout, so it can only mean "absent".)
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
        breakLock = null;
        return this;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env, @NonNull Launcher launcher,
                        @NonNull TaskListener listener) throws InterruptedException, IOException {
        new UpgradeRun(UpgradeOptions.expanded(this, env), run, workspace, launcher, listener).perform(true);
    }

    @Extension
    public static class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @SuppressWarnings("rawtypes")
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MagentoDmtUpgradeBuilder_DisplayName();
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return UpgradeForms.fillSshCredentials(item, credentialsId);
        }

        public ListBoxModel doFillComposerCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String composerCredentialsId) {
            return UpgradeForms.fillComposerCredentials(item, composerCredentialsId);
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
                                               @QueryParameter boolean allowRoot, @QueryParameter String key,
                                               @QueryParameter String path) throws InterruptedException {
            return UpgradeForms.testConnection(item, host, port, credentialsId, magentoRoot, fileSystemOwner, composerCommand,
                    allowRoot, key, path);
        }
    }
}
