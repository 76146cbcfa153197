package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.magentodmt.sandbox.EmbeddedSshServer;
import io.jenkins.plugins.magentodmt.sandbox.SshKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host key trust, authentication and command execution against a real SSH server (MINA). */
class SshConnectionTest {
    @TempDir
    static Path work;
    private static EmbeddedSshServer server;

    @BeforeAll
    static void start() throws IOException {
        Prerequisites.require("ssh-keygen");
        server = EmbeddedSshServer.start(work.resolve("sshd"));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    private SshSettings key(Path identity, String passphrase, HostKeyPolicy policy) throws IOException {
        return new SshSettings(server.host(), server.port(), server.user(), Files.readString(identity, StandardCharsets.UTF_8),
                SecretText.of(passphrase), null, policy, Duration.ofSeconds(10));
    }

    private HostKeyPolicy knownHosts() throws IOException {
        Path file = work.resolve("known_hosts");
        server.writeKnownHosts(file);
        return HostKeyPolicy.knownHosts(file);
    }

    private static String run(SshSettings settings, String script) throws Exception {
        try (SshHost host = SshHost.connect(settings, m -> { })) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, host.execute("sh -s", script.getBytes(StandardCharsets.UTF_8), out, new ByteArrayOutputStream(),
                    Duration.ofSeconds(10)));
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void connectsWithEd25519AndRsaKeysAndEncryptedOnes() throws Exception {
        assertEquals("ok\n", run(key(server.identityFile(SshKeys.ED25519), null, knownHosts()), "echo ok"));
        assertEquals("ok\n", run(key(server.identityFile(SshKeys.RSA), null, knownHosts()), "echo ok"));
        assertEquals("ok\n", run(key(server.encryptedIdentityFile(SshKeys.ED25519), server.passphrase(), knownHosts()), "echo ok"));
        assertEquals("ok\n", run(key(server.encryptedIdentityFile(SshKeys.RSA), server.passphrase(), knownHosts()), "echo ok"));
    }

    @Test
    void aWrongPassphraseIsBadInputNotAHang() throws IOException {
        DmtException e = assertThrows(DmtException.class,
                () -> SshHost.connect(key(server.encryptedIdentityFile(SshKeys.ED25519), "wrong", knownHosts()), m -> { }));
        assertEquals(DmtException.Kind.BAD_INPUT, e.kind());
    }

    @Test
    void connectsWithAPassword() throws Exception {
        SshSettings settings = new SshSettings(server.host(), server.port(), server.user(), null, null,
                SecretText.of(server.password()), knownHosts(), Duration.ofSeconds(10));
        assertEquals("ok\n", run(settings, "echo ok"));
        SshSettings wrong = new SshSettings(server.host(), server.port(), server.user(), null, null,
                SecretText.of("not-the-password"), knownHosts(), Duration.ofSeconds(10));
        assertEquals(DmtException.Kind.CONNECTION, assertThrows(DmtException.class, () -> SshHost.connect(wrong, m -> { })).kind());
    }

    @Test
    void anUnknownHostIsRefusedByDefault() throws IOException {
        Path empty = Files.writeString(work.resolve("empty_known_hosts"), "");
        DmtException e = assertThrows(DmtException.class,
                () -> SshHost.connect(key(server.identityFile(), null, HostKeyPolicy.knownHosts(empty)), m -> { }));
        assertEquals(DmtException.Kind.CONNECTION, e.kind());
        assertTrue(e.getMessage().contains(server.hostKeyFingerprint()), "the message shows the key to check: " + e.getMessage());
    }

    @Test
    void aPinnedFingerprintOrPublicKeyMustMatch() throws Exception {
        assertEquals("ok\n", run(key(server.identityFile(), null, HostKeyPolicy.fingerprint(server.hostKeyFingerprint())), "echo ok"));
        assertEquals("ok\n", run(key(server.identityFile(), null, HostKeyPolicy.publicKey(
                server.knownHostsLine().substring(server.knownHostsLine().indexOf(' ') + 1))), "echo ok"));
        HostKeyPolicy other = HostKeyPolicy.fingerprint("SHA256:" + "A".repeat(43));
        assertEquals(DmtException.Kind.CONNECTION,
                assertThrows(DmtException.class, () -> SshHost.connect(key(server.identityFile(), null, other), m -> { })).kind());
    }

    @Test
    void acceptingAnyHostKeyIsLoud() throws Exception {
        List<String> warnings = new ArrayList<>();
        try (SshHost host = SshHost.connect(key(server.identityFile(), null, HostKeyPolicy.acceptAny()), warnings::add)) {
            assertTrue(host.describe().contains(server.user()));
        }
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("host key verification is OFF"), warnings.get(0));
    }

    @Test
    void commandsGetTheirWholeStdinThenEofAndTimeOut() throws Exception {
        try (SshHost host = SshHost.connect(key(server.identityFile(), null, knownHosts()), m -> { })) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, host.execute("wc -c", "12345".getBytes(StandardCharsets.UTF_8), out, new ByteArrayOutputStream(),
                    Duration.ofSeconds(10)));
            assertEquals("5", out.toString(StandardCharsets.UTF_8).trim());
            assertEquals(3, host.execute("exit 3", new byte[0], out, out, Duration.ofSeconds(10)));
            assertThrows(RemoteHost.CommandTimeoutException.class,
                    () -> host.execute("sleep 30", new byte[0], out, out, Duration.ofMillis(500)));
        }
    }

    @Test
    void anUnreachableHostIsAConnectionError() {
        SshSettings nobody = new SshSettings("127.0.0.1", 1, "u", null, SecretText.of("x"), SecretText.of("pw"),
                HostKeyPolicy.acceptAny(), Duration.ofSeconds(5));
        assertEquals(DmtException.Kind.CONNECTION, assertThrows(DmtException.class, () -> SshHost.connect(nobody, m -> { })).kind());
    }
}
