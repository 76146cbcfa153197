package io.jenkins.plugins.magentodmt;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Descriptor;
import io.jenkins.plugins.magentodmt.core.HostKeyPolicy;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** Trusts any host key. An explicit, insecure choice: every build using it logs a warning. */
public class AcceptAnyHostKeyVerification extends HostKeyVerification {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public AcceptAnyHostKeyVerification() {
    }

    @Override
    HostKeyPolicy toPolicy() {
        return HostKeyPolicy.acceptAny();
    }

    @Override
    String describe() {
        return "any key (acceptAnyHostKey, insecure)";
    }

    // The dropdown lists the safe choices first; ordinal orders extensions, highest first.
    @Extension(ordinal = 1)
    @Symbol("acceptAnyHostKey")
    public static class DescriptorImpl extends Descriptor<HostKeyVerification> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AcceptAnyHostKeyVerification_DisplayName();
        }
    }
}
