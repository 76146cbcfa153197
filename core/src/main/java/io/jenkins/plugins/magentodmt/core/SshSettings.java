package io.jenkins.plugins.magentodmt.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything needed to open one SSH connection. The private key is its text (OpenSSH or PEM; RSA, ECDSA, ed25519),
 * so that a key from a credentials store never has to touch a disk.
 */
public record SshSettings(String host, int port, String user, String privateKey, SecretText passphrase,
                          SecretText password, HostKeyPolicy hostKeyPolicy, Duration connectTimeout) {

    public SshSettings {
        Objects.requireNonNull(hostKeyPolicy, "host key policy");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(30) : connectTimeout;
    }

    /** Checks the values a person typed; the connection itself checks the rest. */
    public SshSettings validated() throws DmtException {
        Shell.host(host);
        Shell.port(port);
        if (user == null || user.isBlank() || user.chars().anyMatch(c -> c <= ' ')) {
            throw DmtException.badInput("The SSH user is required and may not contain spaces.");
        }
        if ((privateKey == null || privateKey.isBlank()) && password == null) {
            throw DmtException.badInput("Give a private key or a password for " + user + "@" + host + ".");
        }
        return this;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
