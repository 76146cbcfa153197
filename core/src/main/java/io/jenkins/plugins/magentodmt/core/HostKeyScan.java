package io.jenkins.plugins.magentodmt.core;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Reads a server's host key the way {@code ssh-keyscan} does: through the key exchange, then disconnects. No
 * credential is offered, so a host whose key is not known yet learns nothing of the login.
 */
public final class HostKeyScan {
    private HostKeyScan() {
    }

    /** The host's public key as an OpenSSH line ({@code ssh-ed25519 AAAA…}). */
    public static String scan(String host, int port, Duration timeout) throws DmtException, InterruptedException {
        String checkedHost = Shell.host(host);
        AtomicReference<PublicKey> seen = new AtomicReference<>();
        SshClient client = SshClient.setUpDefaultClient();
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        // Nothing is trusted here: the key is only recorded, and the session never gets to authentication.
        client.setServerKeyVerifier((session, remote, key) -> {
            seen.set(key);
            return true;
        });
        client.start();
        try (ClientSession session = client.connect("host-key-scan", checkedHost, port).verify(timeout).getSession()) {
            session.waitFor(EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), timeout);
            PublicKey key = seen.get();
            if (key == null) {
                throw new DmtException(DmtException.Kind.CONNECTION, "The SSH server at " + checkedHost + ":" + port
                        + " did not show a host key within " + timeout.toSeconds() + " s.");
            }
            return PublicKeyEntry.toString(key);
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while reading the host key of " + checkedHost + ":" + port);
            }
            throw new DmtException(DmtException.Kind.CONNECTION, "Cannot read the host key of " + checkedHost + ":" + port + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } finally {
            client.stop();
        }
    }
}
