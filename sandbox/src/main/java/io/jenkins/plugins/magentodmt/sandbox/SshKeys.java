package io.jenkins.plugins.magentodmt.sandbox;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SSH key helpers: client key pairs made by the real {@code ssh-keygen} (the files users actually have),
 * known_hosts lines and OpenSSH-style fingerprints.
 */
public final class SshKeys {

    /** Key types the sandbox generates client keys for. */
    public static final String ED25519 = "ed25519";
    public static final String RSA = "rsa";

    private SshKeys() {
    }

    /**
     * Generates an unencrypted key pair with ssh-keygen: {@code file} (OpenSSH private key format) and
     * {@code file.pub}. A non-empty passphrase encrypts it (bcrypt KDF + aes256-ctr, ssh-keygen's default).
     */
    public static void generate(String type, Path file, String passphrase) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".pub"));
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase,
                "-C", "sandbox-" + type, "-f", file.toString()));
        if (type.equals(RSA)) {
            command.addAll(List.of("-b", "3072"));
        }
        Processes.check(command, null, Map.of());
    }

    /** Reads the first key of an OpenSSH public key file ({@code .pub} or authorized_keys format). */
    public static PublicKey readPublicKey(Path pubFile) throws IOException {
        try {
            List<AuthorizedKeyEntry> entries = AuthorizedKeyEntry.readAuthorizedKeys(pubFile);
            if (entries.isEmpty()) {
                throw new IOException("No public key in " + pubFile);
            }
            return entries.get(0).resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot decode public key in " + pubFile, e);
        }
    }

    /** The fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /** One known_hosts line for a host on a non-standard port: {@code [host]:port type base64}. */
    public static String knownHostsLine(String host, int port, PublicKey key) {
        String hostPattern = port == 22 ? host : "[" + host + "]:" + port;
        return hostPattern + " " + PublicKeyEntry.toString(key);
    }

    /** Appends a known_hosts line, creating the file (mode as umask allows) if needed. */
    static void appendKnownHosts(Path file, String line) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!existing.isEmpty() && !existing.endsWith("\n")) {
            existing += "\n";
        }
        Files.writeString(file, existing + line + "\n", StandardCharsets.UTF_8);
    }
}
