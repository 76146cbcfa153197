package io.jenkins.plugins.magentodmt;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.DmtUpgrader;
import io.jenkins.plugins.magentodmt.core.HostKeyPolicy;
import io.jenkins.plugins.magentodmt.core.ProgressListener;
import io.jenkins.plugins.magentodmt.core.Shell;
import io.jenkins.plugins.magentodmt.core.SshHost;
import io.jenkins.plugins.magentodmt.core.UpgradeReport;
import io.jenkins.plugins.magentodmt.core.UpgradeRequest;
import java.io.IOException;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import jenkins.model.Jenkins;

/** The form logic both descriptors share: credentials lists, field checks and the Test connection button. */
final class UpgradeForms {
    private UpgradeForms() {
    }

    private static CredentialsMatcher sshLogins() {
        return CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(SSHUserPrivateKey.class),
                CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));
    }

    static ListBoxModel fillSshCredentials(@CheckForNull Item item, @CheckForNull String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayListCredentials(item)) {
            return result.includeCurrentValue(Util.fixNull(current));
        }
        return result.includeEmptyValue()
                .includeMatchingAs(authentication(item), item, StandardUsernameCredentials.class, List.of(), sshLogins())
                .includeCurrentValue(Util.fixNull(current));
    }

    static ListBoxModel fillComposerCredentials(@CheckForNull Item item, @CheckForNull String current) {
        return fillOptional(item, current, StandardUsernamePasswordCredentials.class);
    }

    static ListBoxModel fillSecretTextCredentials(@CheckForNull Item item, @CheckForNull String current) {
        return fillOptional(item, current, StringCredentials.class);
    }

    private static ListBoxModel fillOptional(@CheckForNull Item item, @CheckForNull String current,
                                             Class<? extends StandardCredentials> type) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayListCredentials(item)) {
            return result.includeCurrentValue(Util.fixNull(current));
        }
        return result.includeEmptyValue()
                .includeMatchingAs(authentication(item), item, type, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(Util.fixNull(current));
    }

    /** The credentials plugin's consumer rule: only those who may configure or use credentials see their ids. */
    static boolean mayListCredentials(@CheckForNull Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    private static org.springframework.security.core.Authentication authentication(@CheckForNull Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    /** Connecting with stored credentials is a configuration action, never one for a reader (SECURITY-2290). */
    static void checkMayConnect(@CheckForNull Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }

    static FormValidation checkRequired(String value, String what) {
        return Util.fixEmptyAndTrim(value) == null ? FormValidation.error(Messages.Validation_Required(what)) : FormValidation.ok();
    }

    static FormValidation checkHost(String value) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.error(Messages.Validation_Required(Messages.Validation_Required_Host()));
        }
        return checked(value, () -> Shell.host(value));
    }

    static FormValidation checkPort(String value) {
        try {
            int port = Integer.parseInt(Util.fixNull(value).trim());
            return port >= 1 && port <= 65535 ? FormValidation.ok() : FormValidation.error(Messages.Validation_Port());
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.Validation_Port());
        }
    }

    static FormValidation checkMagentoRoot(String value) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.error(Messages.Validation_Required(Messages.Validation_Required_MagentoRoot()));
        }
        return checked(value, () -> Shell.magentoRoot(value));
    }

    static FormValidation checkVersion(String value) {
        return Util.fixEmptyAndTrim(value) == null ? FormValidation.ok() : checked(value, () -> Shell.dmtVersion(value.trim()));
    }

    static FormValidation checkTimeoutMinutes(String value) {
        try {
            int minutes = Integer.parseInt(Util.fixNull(value).trim());
            return minutes >= 1 && minutes <= 24 * 60 ? FormValidation.ok() : FormValidation.error(Messages.Validation_Timeout());
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.Validation_Timeout());
        }
    }

    private interface EngineCheck {
        Object run() throws DmtException;
    }

    private static FormValidation checked(String value, EngineCheck check) {
        if (value.contains("$")) {
            return FormValidation.ok(Messages.Validation_CheckedAtRunTime());
        }
        try {
            check.run();
            return FormValidation.ok();
        } catch (DmtException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /**
     * Connects from the controller and reads the versions (the engine's check: nothing changes). The host key is
     * verified with the key given in the form, else with the key the controller keeps for the host; no file is read
     * (a known_hosts file is the agent's, where the build verifies it), and no key is recorded from a form.
     */
    static FormValidation testConnection(@CheckForNull Item item, String host, String port, String credentialsId,
                                         String magentoRoot, String fileSystemOwner, String composerCommand, boolean allowRoot,
                                         String key) throws InterruptedException {
        checkMayConnect(item);
        FormValidation portCheck = checkPort(port);
        if (portCheck.kind != FormValidation.Kind.OK) {
            return portCheck;
        }
        try {
            StandardUsernameCredentials c = credentialsId == null ? null
                    : UpgradeRun.services.credentialForItem(credentialsId, StandardUsernameCredentials.class, item);
            if (c == null) {
                return FormValidation.error(Messages.Credentials_SshNotFound(Util.fixNull(credentialsId)));
            }
            SshLogin login = SshLogin.of(credentialsId, c);
            UpgradeRequest request = UpgradeRequest.builder(magentoRoot).owner(fileSystemOwner).composerCommand(composerCommand)
                    .allowRoot(allowRoot).holder("jenkins Test connection").build();
            int portNumber = Integer.parseInt(port.trim());
            String kept = UpgradeRun.services.hostKeys().keyOf(Util.fixNull(host).trim(), portNumber);
            HostKeyPolicy policy;
            if (Util.fixEmptyAndTrim(key) != null) {
                policy = new ManuallyProvidedKeyVerification(key).toPolicy();
            } else if (kept != null) {
                policy = HostKeyPolicy.publicKey(kept);
            } else {
                return FormValidation.error(Messages.TestConnection_NoKnownKey(Util.fixNull(host).trim() + ":" + portNumber));
            }
            try (SshHost ssh = SshHost.connect(login.toSettings(Shell.host(host), portNumber, policy), w -> { })) {
                UpgradeReport r = new DmtUpgrader(ssh, ProgressListener.NONE).check(request);
                return FormValidation.ok(Messages.TestConnection_Ok(ssh.describe(), r.magentoVersion(),
                        r.previousVersion().isEmpty() ? "not installed" : r.previousVersion(), r.message()));
            }
        } catch (DmtException | AbortException e) {
            return FormValidation.error(e.getMessage());
        } catch (IOException e) {
            return FormValidation.error(Messages.Upgrade_Failed(host, e.getMessage()));
        }
    }
}
