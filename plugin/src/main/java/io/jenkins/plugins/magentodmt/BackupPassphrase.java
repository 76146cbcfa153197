package io.jenkins.plugins.magentodmt;

import hudson.util.Secret;
import io.jenkins.plugins.magentodmt.core.SecretText;
import java.io.Serializable;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** The Secret text that encrypts the backup on the host; it travels to the agent as a Secret and opens there. */
final class BackupPassphrase implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String credentialsId;
    private final Secret secret;

    private BackupPassphrase(String credentialsId, Secret secret) {
        this.credentialsId = credentialsId;
        this.secret = secret;
    }

    static BackupPassphrase of(String credentialsId, StringCredentials c) {
        return new BackupPassphrase(credentialsId, c.getSecret());
    }

    /** For the engine, on the agent, at the last moment. */
    SecretText toSecretText() {
        return SecretText.of(secret.getPlainText());
    }

    @Override
    public String toString() {
        return "backup passphrase " + credentialsId;
    }
}
