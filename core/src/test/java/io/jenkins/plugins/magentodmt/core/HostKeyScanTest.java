package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.magentodmt.sandbox.EmbeddedSshServer;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust on first use starts with reading the key, never with a login. */
class HostKeyScanTest {
    @TempDir
    Path work;

    @Test
    void readsTheServersKeyWithoutLoggingIn() throws Exception {
        Prerequisites.require("ssh-keygen");
        try (EmbeddedSshServer server = EmbeddedSshServer.start(work.resolve("sshd"))) {
            String line = HostKeyScan.scan(server.host(), server.port(), Duration.ofSeconds(20));
            String expected = server.knownHostsLine().substring(server.knownHostsLine().indexOf(' ') + 1).trim();
            assertEquals(expected, line);
            assertTrue(server.commandLog().isEmpty(), "nothing ran: " + server.commandLog());
            // The scanned line pins the key for a real connection.
            SshSettings pinned = new SshSettings(server.host(), server.port(), server.user(), null, null,
                    SecretText.of(server.password()), HostKeyPolicy.publicKey(line), Duration.ofSeconds(20));
            try (SshHost host = SshHost.connect(pinned, w -> { })) {
                assertEquals(0, host.execute("true", new byte[0], new ByteArrayOutputStream(), new ByteArrayOutputStream(),
                        Duration.ofSeconds(20)));
            }
        }
    }

    @Test
    void aPortWithNoSshServerIsAConnectionError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DmtException e = assertThrows(DmtException.class, () -> HostKeyScan.scan("127.0.0.1", port, Duration.ofSeconds(5)));
        assertEquals(DmtException.Kind.CONNECTION, e.kind());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }
}
