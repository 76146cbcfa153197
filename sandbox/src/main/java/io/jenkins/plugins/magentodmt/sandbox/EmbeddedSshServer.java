package io.jenkins.plugins.magentodmt.sandbox;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Apache MINA SSHD server on 127.0.0.1 that runs exec requests through {@code /bin/sh -c} as the JVM's user.
 * It accepts the generated client keys (ed25519 and RSA, made by ssh-keygen) and one password, for one user name.
 */
public final class EmbeddedSshServer implements AutoCloseable {

    /** Who may log in and how commands run. */
    public static final class Options {
        private String user = "magento";
        private String password = "sandbox-pw-" + randomHex();
        private String passphrase = "sandbox-passphrase";
        private Path workingDirectory = Path.of(System.getProperty("user.home"));
        private final Map<String, String> environment = new LinkedHashMap<>();

        public static Options defaults() {
            return new Options();
        }

        private static String randomHex() {
            byte[] bytes = new byte[8];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }

        /** The user name clients must log in as (commands still run as the JVM's user). */
        public Options user(String user) {
            this.user = user;
            return this;
        }

        public Options password(String password) {
            this.password = password;
            return this;
        }

        /** The passphrase of the encrypted copies of the client keys. */
        public Options passphrase(String passphrase) {
            this.passphrase = passphrase;
            return this;
        }

        /** Where commands start, like a user's home on a real host. */
        public Options workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /** An environment variable set for every command (e.g. COMPOSER_HOME), like a login profile would. */
        public Options environment(String name, String value) {
            environment.put(name, value);
            return this;
        }
    }

    private final SshServer sshd;
    private final Options options;
    private final Path keyDir;
    private final List<PublicKey> authorizedKeys = new ArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Queue<String> commandLog = new ConcurrentLinkedQueue<>();

    private EmbeddedSshServer(Path workDir, Options options) throws IOException {
        this.options = options;
        this.keyDir = Files.createDirectories(workDir.resolve("ssh"));
        for (String type : List.of(SshKeys.ED25519, SshKeys.RSA)) {
            Path key = keyDir.resolve("id_" + type);
            SshKeys.generate(type, key, "");
            // The encrypted copy is a separate key pair: ssh-keygen makes it the way a careful user would.
            SshKeys.generate(type, keyDir.resolve("id_" + type + "_encrypted"), options.passphrase);
            authorizedKeys.add(SshKeys.readPublicKey(pub(key)));
            authorizedKeys.add(SshKeys.readPublicKey(pub(keyDir.resolve("id_" + type + "_encrypted"))));
        }
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(keyDir.resolve("host_key"));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(256);
        sshd.setKeyPairProvider(hostKeys);
        // Small command round trips must not wait for Nagle's algorithm.
        CoreModuleProperties.TCP_NODELAY.set(sshd, true);
        sshd.setPublickeyAuthenticator((user, key, session) -> user.equals(options.user)
                && authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        sshd.setPasswordAuthenticator((user, password, session) -> user.equals(options.user)
                && password.equals(options.password));
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setCommandFactory((channel, command) -> {
            commandLog.add(command);
            return new ShellCommand(command, options.workingDirectory, options.environment);
        });
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.incrementAndGet();
            }
        });
        sshd.start();
    }

    /** Generates client keys under {@code workDir/ssh} and starts listening on an ephemeral port. */
    public static EmbeddedSshServer start(Path workDir, Options options) throws IOException {
        return new EmbeddedSshServer(workDir, options);
    }

    public static EmbeddedSshServer start(Path workDir) throws IOException {
        return start(workDir, Options.defaults());
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return sshd.getPort();
    }

    public String user() {
        return options.user;
    }

    public String password() {
        return options.password;
    }

    /** The passphrase of {@link #encryptedIdentityFile(String)}. */
    public String passphrase() {
        return options.passphrase;
    }

    /** The unencrypted ed25519 private key (OpenSSH format, as ssh-keygen writes it). */
    public Path identityFile() {
        return identityFile(SshKeys.ED25519);
    }

    /** The unencrypted private key of the given type: {@link SshKeys#ED25519} or {@link SshKeys#RSA}. */
    public Path identityFile(String keyType) {
        return keyDir.resolve("id_" + keyType);
    }

    /** A private key of the given type encrypted with {@link #passphrase()}. */
    public Path encryptedIdentityFile(String keyType) {
        return keyDir.resolve("id_" + keyType + "_encrypted");
    }

    public PublicKey hostKey() throws IOException {
        try {
            for (KeyPair pair : sshd.getKeyPairProvider().loadKeys(null)) {
                return pair.getPublic();
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("Cannot load the host key", e);
        }
        throw new IOException("The server has no host key");
    }

    /** The host key fingerprint in OpenSSH's form, e.g. {@code SHA256:AbC...} (unpadded base64). */
    public String hostKeyFingerprint() throws IOException {
        return SshKeys.fingerprint(hostKey());
    }

    /** The known_hosts line for this server: {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA...}. */
    public String knownHostsLine() throws IOException {
        return SshKeys.knownHostsLine(host(), port(), hostKey());
    }

    /** Appends {@link #knownHostsLine()} to the file (created if missing). */
    public void writeKnownHosts(Path file) throws IOException {
        SshKeys.appendKnownHosts(file, knownHostsLine());
    }

    /** SSH sessions (TCP connections) opened so far, authenticated or not. */
    public int sessionCount() {
        return sessions.get();
    }

    /** Every exec command received so far, oldest first. */
    public List<String> commandLog() {
        return List.copyOf(commandLog);
    }

    /**
     * Cuts every open session at once, as a network failure would (the server stops what they ran, like sshd does
     * for a dropped connection), while it goes on accepting new ones.
     *
     * @return how many sessions were cut
     */
    public int dropSessions() {
        int n = 0;
        for (Session session : sshd.getActiveSessions()) {
            session.close(true);
            n++;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    private static Path pub(Path privateKey) {
        return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    }
}
