package io.jenkins.plugins.magentodmt.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the SSH server's host key is trusted. Verification is on unless the caller chose {@link #acceptAny()}, which
 * the engine logs as a warning on every connection.
 */
public sealed interface HostKeyPolicy {

    /** Trust the keys listed for the host in an OpenSSH known_hosts file. */
    record KnownHosts(Path file) implements HostKeyPolicy {
        public KnownHosts {
            Objects.requireNonNull(file, "known_hosts file");
        }
    }

    /** Trust exactly one key, given by its OpenSSH SHA-256 fingerprint ({@code SHA256:…}). */
    record Fingerprint(String sha256) implements HostKeyPolicy {
        public Fingerprint {
            if (sha256 == null || !sha256.matches("SHA256:[A-Za-z0-9+/]{43}=?")) {
                throw new IllegalArgumentException("a host key fingerprint looks like SHA256: followed by 43 base64 characters "
                        + "(as printed by ssh-keygen -lf), not '" + sha256 + "'");
            }
            sha256 = sha256.endsWith("=") ? sha256.substring(0, sha256.length() - 1) : sha256;
        }
    }

    /** Trust exactly one key, given as a public key line ({@code ssh-ed25519 AAAA…}). */
    record PublicKey(String line) implements HostKeyPolicy {
        public PublicKey {
            Objects.requireNonNull(line, "host public key");
        }
    }

    /** Trust any key: an explicit, insecure choice, logged loudly. */
    record AcceptAny() implements HostKeyPolicy {
    }

    static HostKeyPolicy knownHosts(Path file) {
        return new KnownHosts(file);
    }

    static HostKeyPolicy fingerprint(String sha256) {
        return new Fingerprint(sha256);
    }

    static HostKeyPolicy publicKey(String line) {
        return new PublicKey(line);
    }

    static HostKeyPolicy acceptAny() {
        return new AcceptAny();
    }
}
