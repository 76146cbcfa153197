package io.jenkins.plugins.magentodmt.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/** One SSH connection (Apache MINA SSHD), reused for every command of an upgrade. */
public final class SshHost implements RemoteHost {
    private final SshClient client;
    private final ClientSession session;
    private final String description;
    private final SshSettings settings;
    private final Consumer<String> warnings;

    private SshHost(SshClient client, ClientSession session, SshSettings settings, Consumer<String> warnings) {
        this.client = client;
        this.session = session;
        this.description = "ssh " + settings;
        this.settings = settings;
        this.warnings = warnings;
    }

    /**
     * Connects and authenticates, verifying the host key as the settings say.
     *
     * @param warnings receives the warning that host key verification is off, when it is
     */
    public static SshHost connect(SshSettings settings, Consumer<String> warnings) throws DmtException, InterruptedException {
        settings.validated();
        SshClient client = SshClient.setUpDefaultClient();
        // Without TCP_NODELAY every small round trip stalls on Nagle's algorithm (~40 ms each).
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        HostKeyVerifiers.Recording verifier = HostKeyVerifiers.forPolicy(settings.hostKeyPolicy(), warnings);
        client.setServerKeyVerifier(verifier);
        client.start();
        boolean connected = false;
        try {
            ClientSession session = client.connect(settings.user(), settings.host(), settings.port())
                    .verify(settings.connectTimeout()).getSession();
            try {
                if (settings.privateKey() != null && !settings.privateKey().isBlank()) {
                    for (KeyPair pair : loadKeys(settings)) {
                        session.addPublicKeyIdentity(pair);
                    }
                }
                if (settings.password() != null) {
                    session.addPasswordIdentity(settings.password().reveal());
                }
                session.auth().verify(settings.connectTimeout());
            } catch (IOException | RuntimeException e) {
                session.close(true);
                throw e;
            }
            connected = true;
            // A reconnect must meet the very key this connection verified, whatever the policy was.
            SshSettings again = new SshSettings(settings.host(), settings.port(), settings.user(), settings.privateKey(),
                    settings.passphrase(), settings.password(),
                    HostKeyPolicy.fingerprint(KeyUtils.getFingerPrint(BuiltinDigests.sha256, session.getServerKey())),
                    settings.connectTimeout());
            return new SshHost(client, session, again, warnings);
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while connecting to " + settings);
            }
            String rejection = verifier.rejection(settings.host() + ":" + settings.port());
            throw new DmtException(DmtException.Kind.CONNECTION, "Cannot connect to " + settings + ": "
                    + (rejection != null ? rejection : reason(e)), e);
        } finally {
            if (!connected) {
                client.stop();
            }
        }
    }

    private static Iterable<KeyPair> loadKeys(SshSettings settings) throws DmtException {
        FilePasswordProvider passphrase = settings.passphrase() == null
                ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(settings.passphrase().reveal());
        try (InputStream in = new ByteArrayInputStream(settings.privateKey().getBytes(StandardCharsets.UTF_8))) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("private key"), in, passphrase);
            if (keys == null || !keys.iterator().hasNext()) {
                throw DmtException.badInput("The private key could not be read (an OpenSSH or PEM RSA, ECDSA or ed25519 key is expected; "
                        + "ed25519 needs the EdDSA provider on the class path).");
            }
            return keys;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw DmtException.badInput("The private key could not be read: " + reason(e)
                    + " (wrong passphrase, or not an OpenSSH/PEM key?)");
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    @Override
    public int execute(String command, byte[] stdin, OutputStream stdout, OutputStream stderr, Duration timeout)
            throws IOException, InterruptedException {
        try (ChannelExec channel = session.createExecChannel(command)) {
            // The whole input, then EOF: a command that reads standard input would otherwise wait for ever.
            channel.setIn(new ByteArrayInputStream(stdin));
            channel.setOut(stdout);
            channel.setErr(stderr);
            // MINA's waitFor swallows interrupts; a latch lets an abort through at once.
            CountDownLatch closed = new CountDownLatch(1);
            channel.addCloseFutureListener(future -> closed.countDown());
            channel.open().verify(timeout);
            try {
                if (!closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    channel.close(true);
                    throw new CommandTimeoutException("a command on " + description + " did not finish within "
                            + timeout.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                channel.close(true);
                throw e;
            }
            // The exit status may trail the close by a moment.
            channel.waitFor(EnumSet.of(ClientChannelEvent.EXIT_STATUS, ClientChannelEvent.EXIT_SIGNAL), Duration.ofSeconds(1));
            Integer exit = channel.getExitStatus();
            if (exit == null) {
                throw new SshException("the connection to " + description + " ended before the command reported its exit status"
                        + (channel.getExitSignal() == null ? "" : " (signal " + channel.getExitSignal() + ")"));
            }
            return exit;
        }
    }

    @Override
    public RemoteHost reconnect() throws IOException, InterruptedException {
        try {
            return connect(settings, warnings);
        } catch (DmtException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() throws IOException {
        try {
            session.close();
        } finally {
            client.stop();
        }
    }
}
