package io.jenkins.plugins.magentodmt.sandbox;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedSshServerTest {

    @TempDir
    static Path workDir;
    static EmbeddedSshServer server;
    static SshClient client;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedSshServer.start(workDir, EmbeddedSshServer.Options.defaults()
                .user("deploy").password("s3cret").environment("SANDBOX_MARK", "from-options"));
        client = SshClient.setUpDefaultClient();
        Path knownHosts = workDir.resolve("known_hosts");
        server.writeKnownHosts(knownHosts);
        // Strict host key checking against the file the server wrote: proves the known_hosts line is right.
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts));
        client.start();
    }

    @AfterAll
    static void stop() throws Exception {
        client.stop();
        server.close();
    }

    record Exec(int status, String out, String err) {
    }

    static Exec exec(ClientSession session, String command, String stdin) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            if (stdin != null) {
                channel.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            channel.open().verify(Duration.ofSeconds(10));
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(30));
            return new Exec(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    private ClientSession connectWithKey(Path key, String passphrase) throws Exception {
        ClientSession session = client.connect(server.user(), server.host(), server.port())
                .verify(Duration.ofSeconds(10)).getSession();
        FileKeyPairProvider keys = new FileKeyPairProvider(key);
        if (passphrase != null) {
            keys.setPasswordFinder(FilePasswordProvider.of(passphrase));
        }
        keys.loadKeys(session).forEach(session::addPublicKeyIdentity);
        session.auth().verify(Duration.ofSeconds(10));
        return session;
    }

    @ParameterizedTest
    @ValueSource(strings = {SshKeys.ED25519, SshKeys.RSA})
    void runsCommandsWithKey(String type) throws Exception {
        try (ClientSession session = connectWithKey(server.identityFile(type), null)) {
            Exec result = exec(session, "echo out; echo err >&2; echo \"$SANDBOX_MARK\"; exit 3", null);
            assertEquals(3, result.status());
            assertEquals("out\nfrom-options\n", result.out());
            assertEquals("err\n", result.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {SshKeys.ED25519, SshKeys.RSA})
    void acceptsEncryptedKeyWithPassphrase(String type) throws Exception {
        assertTrue(Files.readString(server.encryptedIdentityFile(type)).contains("BEGIN OPENSSH PRIVATE KEY"));
        try (ClientSession session = connectWithKey(server.encryptedIdentityFile(type), server.passphrase())) {
            assertEquals(0, exec(session, "true", null).status());
        }
    }

    @Test
    void runsCommandsWithPasswordAndPipesStdin() throws Exception {
        try (ClientSession session = client.connect("deploy", server.host(), server.port())
                .verify(Duration.ofSeconds(10)).getSession()) {
            session.addPasswordIdentity("s3cret");
            session.auth().verify(Duration.ofSeconds(10));
            Exec result = exec(session, "tr a-z A-Z", "hello\n");
            assertEquals(0, result.status());
            assertEquals("HELLO\n", result.out());
        }
    }

    @Test
    void rejectsWrongPasswordAndWrongUser() throws Exception {
        for (String[] userPassword : List.of(new String[] {"deploy", "wrong"}, new String[] {"root", "s3cret"})) {
            try (ClientSession session = client.connect(userPassword[0], server.host(), server.port())
                    .verify(Duration.ofSeconds(10)).getSession()) {
                session.addPasswordIdentity(userPassword[1]);
                assertThrows(Exception.class, () -> session.auth().verify(Duration.ofSeconds(10)));
            }
        }
    }

    @Test
    void countsSessionsAndLogsCommands() throws Exception {
        int before = server.sessionCount();
        try (ClientSession session = connectWithKey(server.identityFile(), null)) {
            exec(session, "echo one", null);
            exec(session, "echo two", null);
        }
        assertEquals(before + 1, server.sessionCount());
        assertTrue(server.commandLog().containsAll(List.of("echo one", "echo two")));
    }

    @Test
    void fingerprintHasOpenSshFormat() throws Exception {
        String fingerprint = server.hostKeyFingerprint();
        assertTrue(fingerprint.matches("SHA256:[A-Za-z0-9+/]{43}"), fingerprint);
        // ssh-keygen -lf on the known_hosts file prints the same fingerprint.
        Path knownHosts = workDir.resolve("known_hosts");
        CommandResult lf = Processes.check(List.of("ssh-keygen", "-lf", knownHosts.toString()), null,
                java.util.Map.of());
        assertTrue(lf.stdout().contains(fingerprint), lf.toString());
        CommandResult find = Processes.run(List.of("ssh-keygen", "-F", "[127.0.0.1]:" + server.port(),
                "-f", knownHosts.toString()), null, java.util.Map.of());
        assertEquals(0, find.exitCode(), find.toString());
        assertTrue(find.stdout().contains("ecdsa-sha2-nistp256"), find.toString());
    }
}
