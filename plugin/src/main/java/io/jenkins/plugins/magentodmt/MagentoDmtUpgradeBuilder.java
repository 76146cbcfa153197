package io.jenkins.plugins.magentodmt;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle build step "Upgrade Magento Data Migration Tool". Its settings are those of the Pipeline step, held
 * as one nested value, so that each field, its form and its help exist once ({@code MagentoDmtUpgradeStep}). Text
 * fields may use the build's variables ({@code ${MAGENTO_HOST}}). Breaking a lock is never saved here: a build
 * variable {@code MAGENTO_DMT_BREAK_LOCK=true} decides it for one build.
 */
public class MagentoDmtUpgradeBuilder extends Builder implements SimpleBuildStep {
    private MagentoDmtUpgradeStep upgrade;

    @DataBoundConstructor
    public MagentoDmtUpgradeBuilder(MagentoDmtUpgradeStep upgrade) throws Descriptor.FormException {
        if (upgrade == null) {
            throw new Descriptor.FormException(Messages.Validation_Required(Messages.Validation_Required_Host()), "upgrade");
        }
        this.upgrade = upgrade;
    }

    public MagentoDmtUpgradeStep getUpgrade() {
        return upgrade;
    }

    /**
     * Jobs saved by 0.1 hold the settings flat, in the fields below; they move into the nested value and are never
     * written again (they are null then, and XStream leaves null out). Absent values get their documented defaults.
     */
    protected Object readResolve() throws Descriptor.FormException {
        if (upgrade == null && host != null) {
            MagentoDmtUpgradeStep s = new MagentoDmtUpgradeStep(host, credentialsId, magentoRoot);
            if (port != null && port != 0) {
                s.setPort(port);
            }
            s.setVersion(version);
            s.setFileSystemOwner(fileSystemOwner);
            s.setComposerCommand(composerCommand);
            s.setComposerCredentialsId(composerCredentialsId);
            s.setHostKeyVerification(hostKeyVerification);
            s.setFullBackup(Boolean.TRUE.equals(fullBackup));
            s.setKeepCustomFiles(Boolean.TRUE.equals(keepCustomFiles));
            s.setDryRun(Boolean.TRUE.equals(dryRun));
            if (timeoutMinutes != null && timeoutMinutes != 0) {
                s.setTimeoutMinutes(timeoutMinutes);
            }
            s.setCheckOnly(Boolean.TRUE.equals(checkOnly));
            s.setFailOnMismatch(!Boolean.FALSE.equals(failOnMismatch));
            s.setAllowRoot(Boolean.TRUE.equals(allowRoot));
            s.setComposerRepositoryHost(composerRepositoryHost);
            upgrade = s;
        }
        host = credentialsId = magentoRoot = version = fileSystemOwner = composerCommand = composerCredentialsId = null;
        composerRepositoryHost = null;
        port = timeoutMinutes = null;
        fullBackup = keepCustomFiles = dryRun = checkOnly = failOnMismatch = allowRoot = breakLock = null;
        hostKeyVerification = null;
        return this;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env, @NonNull Launcher launcher,
                        @NonNull TaskListener listener) throws InterruptedException, IOException {
        new UpgradeRun(UpgradeOptions.expanded(upgrade, env), run, workspace, launcher, listener).perform(true);
    }

    // The flat settings of 0.1's config.xml (breakLock was a saved setting then and is dropped): see readResolve.
    private String host;
    private String credentialsId;
    private String magentoRoot;
    private Integer port;
    private String version;
    private String fileSystemOwner;
    private String composerCommand;
    private String composerCredentialsId;
    private HostKeyVerification hostKeyVerification;
    private Boolean fullBackup;
    private Boolean keepCustomFiles;
    private Boolean dryRun;
    private Integer timeoutMinutes;
    private Boolean checkOnly;
    private Boolean failOnMismatch;
    private Boolean allowRoot;
    private Boolean breakLock;
    private String composerRepositoryHost;

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
    }
}
