package io.jenkins.plugins.magentodmt;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Descriptor;
import io.jenkins.plugins.magentodmt.core.HostKeyPolicy;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Trusts the key the controller keeps for the host (Manage Jenkins → System → Magento DMT host keys). The controller
 * looks it up (or, with "trust the first key", records it) before any work goes to the agent, which then verifies
 * exactly that key: an agent without a known_hosts file of its own verifies just as well.
 */
public class ControllerHostKeysVerification extends HostKeyVerification {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public ControllerHostKeysVerification() {
    }

    @Override
    HostKeyPolicy toPolicy() throws AbortException {
        // UpgradeOptions carries the key the controller resolved; reaching here means it did not.
        throw new AbortException(Messages.HostKey_NotResolved());
    }

    @Override
    String describe() {
        return "the controller's host keys";
    }

    // The dropdown lists the safe choices first; ordinal orders extensions, highest first.
    @Extension(ordinal = 2.5)
    @Symbol("controllerHostKeys")
    public static class DescriptorImpl extends Descriptor<HostKeyVerification> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ControllerHostKeysVerification_DisplayName();
        }
    }
}
