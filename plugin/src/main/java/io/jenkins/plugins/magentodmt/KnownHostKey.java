package io.jenkins.plugins.magentodmt;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/** One Magento host's SSH key, kept on the controller: host, port and the OpenSSH public key line. */
public class KnownHostKey extends AbstractDescribableImpl<KnownHostKey> {
    private final String host;
    private final int port;
    private final String key;

    @DataBoundConstructor
    public KnownHostKey(String host, int port, String key) {
        this.host = Util.fixNull(host).trim();
        this.port = port == 0 ? UpgradeParameters.DEFAULT_PORT : port;
        this.key = Util.fixNull(key).trim();
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getKey() {
        return key;
    }

    boolean isFor(String host, int port) {
        return this.host.equalsIgnoreCase(host) && this.port == port;
    }

    /** An OpenSSH public key line, as {@code ssh-keyscan} prints it after the host name. */
    static boolean isKeyLine(String key) {
        return key != null && key.trim().matches("(ssh|ecdsa)-[a-z0-9-]+ [A-Za-z0-9+/]+=*( .*)?");
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<KnownHostKey> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.KnownHostKey_DisplayName();
        }

        public FormValidation doCheckHost(@QueryParameter String value) {
            return UpgradeForms.checkHost(value);
        }

        public FormValidation doCheckPort(@QueryParameter String value) {
            return UpgradeForms.checkPort(value);
        }

        public FormValidation doCheckKey(@QueryParameter String value) {
            return isKeyLine(value) ? FormValidation.ok() : FormValidation.error(Messages.HostKey_BadKeyLine());
        }
    }
}
