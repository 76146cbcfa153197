package io.jenkins.plugins.magentodmt;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;
import io.jenkins.plugins.magentodmt.core.ComposerAuth;
import io.jenkins.plugins.magentodmt.core.SecretText;
import java.io.Serializable;

/** The repo.magento.com access keys: the public key as the username, the private key as the password. */
final class ComposerLogin implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String publicKey;
    private final Secret privateKey;

    private ComposerLogin(String publicKey, Secret privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    static ComposerLogin of(StandardUsernamePasswordCredentials c) {
        return new ComposerLogin(c.getUsername(), c.getPassword());
    }

    /** The COMPOSER_AUTH value for the repository host; built on the agent, at the last moment. */
    SecretText toComposerAuth(String repositoryHost) {
        return ComposerAuth.httpBasic(repositoryHost, publicKey, SecretText.of(privateKey.getPlainText()));
    }

    @Override
    public String toString() {
        return "Composer keys of " + publicKey;
    }
}
