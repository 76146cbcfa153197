package io.jenkins.plugins.magentodmt.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The real OpenSSH client against the real OpenSSH server. Skipped (loudly) where sshd cannot run, except on CI. */
class OpenSshServerTest {

    static final String USER = "sandboxssh";
    static final String TARGET = "sandboxwww";

    @TempDir
    static Path workDir;
    static OpenSshServer server;
    static Path key;
    static Path knownHosts;

    @BeforeAll
    static void start() throws Exception {
        String reason = OpenSshServer.available();
        if (reason != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("OpenSshServer unavailable on CI: " + reason);
            }
            System.err.println("!!! SKIPPING OpenSshServerTest: " + reason + " !!!");
            Assumptions.abort(reason);
        }
        server = OpenSshServer.start(workDir.resolve("sshd"));
        server.ensureUser(USER);
        server.ensureUser(TARGET);
        server.allowSudo(USER, TARGET);
        key = workDir.resolve("id_ed25519");
        SshKeys.generate(SshKeys.ED25519, key, "");
        server.authorize(USER, workDir.resolve("id_ed25519.pub"));
        knownHosts = workDir.resolve("known_hosts");
        server.writeKnownHosts(knownHosts);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static CommandResult ssh(String user, String command) throws Exception {
        List<String> args = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-i", key.toString(),
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts, "-p", String.valueOf(server.port()),
                user + "@127.0.0.1", command));
        return Processes.run(args, null, Map.of());
    }

    @Test
    void realSshClientRunsCommandAsUser() throws Exception {
        CommandResult id = ssh(USER, "id -un; echo \"$HOME\"");
        assertEquals(0, id.exitCode(), id + "\nsshd log:\n" + server.log());
        assertEquals(USER + "\n/home/" + USER + "\n", id.stdout());
        assertEquals(7, ssh(USER, "exit 7").exitCode());
    }

    @Test
    void sudoToTargetUserWorks() throws Exception {
        CommandResult sudo = ssh(USER, "sudo -n -u " + TARGET + " id -un");
        assertEquals(0, sudo.exitCode(), sudo.toString());
        assertEquals(TARGET + "\n", sudo.stdout());
        assertNotEquals(0, ssh(USER, "sudo -n id -un").exitCode(), "sudo to root must not be allowed");
    }

    @Test
    void unauthorizedUserIsRejected() throws Exception {
        CommandResult denied = ssh(TARGET, "id");
        assertEquals(255, denied.exitCode(), denied.toString());
        assertTrue(denied.stderr().contains("Permission denied"), denied.toString());
    }

    @Test
    void knownHostsAndFingerprintMatchOpenSsh() throws Exception {
        CommandResult find = Processes.run(List.of("ssh-keygen", "-F", "[127.0.0.1]:" + server.port(),
                "-f", knownHosts.toString()), null, Map.of());
        assertEquals(0, find.exitCode(), find.toString());
        CommandResult lf = Processes.run(List.of("ssh-keygen", "-lf", knownHosts.toString()), null, Map.of());
        assertTrue(lf.stdout().contains(server.hostKeyFingerprint()), lf + " vs " + server.hostKeyFingerprint());
        assertTrue(Files.exists(Path.of("/etc/sudoers.d/sandbox-" + USER + "-as-" + TARGET)));
    }
}
