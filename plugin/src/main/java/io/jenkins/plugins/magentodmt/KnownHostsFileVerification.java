package io.jenkins.plugins.magentodmt;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Descriptor;
import io.jenkins.plugins.magentodmt.core.HostKeyPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Trusts the keys an OpenSSH known_hosts file lists for the host: the agent's own file unless a path is given. */
public class KnownHostsFileVerification extends HostKeyVerification {
    private static final long serialVersionUID = 1L;

    @CheckForNull
    private String path;

    @DataBoundConstructor
    public KnownHostsFileVerification() {
    }

    @CheckForNull
    public String getPath() {
        return path;
    }

    @DataBoundSetter
    public void setPath(@CheckForNull String path) {
        this.path = Util.fixEmptyAndTrim(path);
    }

    @Override
    HostKeyPolicy toPolicy() throws AbortException {
        Path file = resolve();
        if (!Files.isRegularFile(file)) {
            throw new AbortException(Messages.HostKey_KnownHostsMissing(file));
        }
        return HostKeyPolicy.knownHosts(file);
    }

    private Path resolve() {
        String home = System.getProperty("user.home");
        if (path == null) {
            return Path.of(home, ".ssh", "known_hosts");
        }
        return path.startsWith("~/") ? Path.of(home, path.substring(2)) : Path.of(path);
    }

    @Override
    String describe() {
        return path == null ? "known_hosts of the agent" : "known_hosts file " + path;
    }

    // The dropdown lists the safe choices first; ordinal orders extensions, highest first.
    @Extension(ordinal = 3)
    @Symbol("knownHostsFile")
    public static class DescriptorImpl extends Descriptor<HostKeyVerification> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.KnownHostsFileVerification_DisplayName();
        }
    }
}
