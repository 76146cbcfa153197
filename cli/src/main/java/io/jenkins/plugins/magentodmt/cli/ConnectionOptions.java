package io.jenkins.plugins.magentodmt.cli;

import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.HostKeyPolicy;
import io.jenkins.plugins.magentodmt.core.LocalHost;
import io.jenkins.plugins.magentodmt.core.RemoteHost;
import io.jenkins.plugins.magentodmt.core.SecretText;
import io.jenkins.plugins.magentodmt.core.SshHost;
import io.jenkins.plugins.magentodmt.core.SshSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** CONNECTION: an SSH host with a key or password and a host key rule, or {@code --local}. Secrets come from the environment. */
final class ConnectionOptions {
    @Option(names = "--host", paramLabel = "H", description = "SSH host of the Magento server.")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "22", description = "SSH port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--user", paramLabel = "U", description = "SSH user.")
    String user;

    @Option(names = "--identity", paramLabel = "FILE", description = "Private key file (OpenSSH or PEM; RSA, ECDSA, ed25519).")
    Path identity;

    @Option(names = "--passphrase-env", paramLabel = "VAR", description = "Environment variable holding the key's passphrase.")
    String passphraseEnv;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the SSH password.")
    String passwordEnv;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "Trust the host keys listed in this known_hosts file.")
    Path knownHosts;

    @Option(names = "--host-key", paramLabel = "SHA256:...", description = "Trust exactly this host key fingerprint (ssh-keygen -lf).")
    String hostKey;

    @Option(names = "--insecure-accept-any-host-key", description = "Trust any host key. Insecure; logged on every connection.")
    boolean acceptAnyHostKey;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "30s", description = "Connect timeout (default: ${DEFAULT-VALUE}).")
    String connectTimeout;

    @Option(names = "--local", description = "The Magento root is on this machine: no SSH.")
    boolean local;

    RemoteHost open(Consumer<String> warnings) throws DmtException, InterruptedException {
        if (local) {
            if (host != null || user != null || identity != null || passwordEnv != null) {
                throw DmtException.badInput("--local takes no SSH options.");
            }
            return new LocalHost();
        }
        if (host == null || user == null) {
            throw DmtException.badInput("Give --host and --user (or --local).");
        }
        if ((identity == null) == (passwordEnv == null)) {
            throw DmtException.badInput("Give exactly one of --identity FILE and --password-env VAR.");
        }
        int rules = (knownHosts == null ? 0 : 1) + (hostKey == null ? 0 : 1) + (acceptAnyHostKey ? 1 : 0);
        if (rules != 1) {
            throw DmtException.badInput("Give exactly one host key rule: --known-hosts FILE, --host-key SHA256:... "
                    + "or --insecure-accept-any-host-key.");
        }
        HostKeyPolicy policy;
        try {
            policy = knownHosts != null ? HostKeyPolicy.knownHosts(knownHosts)
                    : hostKey != null ? HostKeyPolicy.fingerprint(hostKey) : HostKeyPolicy.acceptAny();
        } catch (IllegalArgumentException e) {
            throw DmtException.badInput(e.getMessage());
        }
        String key = null;
        if (identity != null) {
            try {
                key = Files.readString(identity, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw DmtException.badInput("Cannot read the private key " + identity + ": " + e.getMessage());
            }
        }
        SshSettings settings = new SshSettings(host, port, user, key, secretFromEnv(passphraseEnv, "passphrase"),
                secretFromEnv(passwordEnv, "password"), policy, Durations.parse(connectTimeout, "--connect-timeout"));
        return SshHost.connect(settings, warnings);
    }

    static SecretText secretFromEnv(String variable, String what) throws DmtException {
        if (variable == null) {
            return null;
        }
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw DmtException.badInput("The environment variable " + variable + " (the " + what + ") is not set.");
        }
        return SecretText.of(value);
    }

}
