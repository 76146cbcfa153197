package io.jenkins.plugins.magentodmt;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.magentodmt.core.HostKeyPolicy;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/** Trusts exactly one host key: an OpenSSH public key line, or its {@code SHA256:} fingerprint. */
public class ManuallyProvidedKeyVerification extends HostKeyVerification {
    private static final long serialVersionUID = 1L;

    private final String key;

    @DataBoundConstructor
    public ManuallyProvidedKeyVerification(String key) {
        this.key = Util.fixNull(key).trim();
    }

    public String getKey() {
        return key;
    }

    @Override
    HostKeyPolicy toPolicy() throws AbortException {
        if (key.startsWith("SHA256:")) {
            try {
                return HostKeyPolicy.fingerprint(key);
            } catch (IllegalArgumentException e) {
                throw new AbortException(Messages.HostKey_BadKey(e.getMessage()));
            }
        }
        if (!key.matches("\\S+ [A-Za-z0-9+/]+=*( .*)?")) {
            throw new AbortException(Messages.HostKey_BadKey(key));
        }
        return HostKeyPolicy.publicKey(key);
    }

    @Override
    String describe() {
        return "the manually provided key";
    }

    // The dropdown lists the safe choices first; ordinal orders extensions, highest first.
    @Extension(ordinal = 2)
    @Symbol("manuallyProvidedKey")
    public static class DescriptorImpl extends Descriptor<HostKeyVerification> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ManuallyProvidedKeyVerification_DisplayName();
        }

        public FormValidation doCheckKey(@QueryParameter String value) {
            try {
                new ManuallyProvidedKeyVerification(value).toPolicy();
                return FormValidation.ok();
            } catch (AbortException e) {
                return FormValidation.error(Util.fixEmptyAndTrim(value) == null ? Messages.Validation_HostKeyRequired() : e.getMessage());
            }
        }
    }
}
