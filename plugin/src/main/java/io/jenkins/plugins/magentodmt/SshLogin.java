package io.jenkins.plugins.magentodmt;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.util.Secret;
import io.jenkins.plugins.magentodmt.core.HostKeyPolicy;
import io.jenkins.plugins.magentodmt.core.SecretText;
import io.jenkins.plugins.magentodmt.core.SshSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What the agent needs to log in: the user and, as {@link Secret}s, a private key (with its passphrase) or a
 * password. Taken from a credential on the controller; never stored, never printed.
 */
final class SshLogin implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final String user;
    @CheckForNull
    private final Secret privateKey;
    @CheckForNull
    private final Secret passphrase;
    @CheckForNull
    private final Secret password;

    private SshLogin(String user, Secret privateKey, Secret passphrase, Secret password) {
        this.user = user;
        this.privateKey = privateKey;
        this.passphrase = passphrase;
        this.password = password;
    }

    static SshLogin of(String credentialsId, StandardUsernameCredentials c) throws AbortException {
        if (c instanceof SSHUserPrivateKey key) {
            List<String> keys = key.getPrivateKeys();
            if (keys.isEmpty() || keys.get(0).isBlank()) {
                throw new AbortException(Messages.Credentials_NoPrivateKey(credentialsId));
            }
            // Several keys are rare; the first one is the credential's key.
            return new SshLogin(c.getUsername(), Secret.fromString(keys.get(0)), key.getPassphrase(), null);
        }
        if (c instanceof StandardUsernamePasswordCredentials p) {
            return new SshLogin(c.getUsername(), null, null, p.getPassword());
        }
        throw new AbortException(Messages.Credentials_SshNotFound(credentialsId));
    }

    String user() {
        return user;
    }

    SshSettings toSettings(String host, int port, HostKeyPolicy policy) {
        return new SshSettings(host, port, user, privateKey == null ? null : privateKey.getPlainText(), plain(passphrase),
                plain(password), policy, CONNECT_TIMEOUT);
    }

    private static SecretText plain(Secret s) {
        return s == null ? null : SecretText.of(s.getPlainText());
    }

    @Override
    public String toString() {
        return user + " (" + (privateKey != null ? "private key" : "password") + ")";
    }
}
