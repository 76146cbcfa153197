package io.jenkins.plugins.magentodmt.sandbox;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole sandbox as the demo uses it: upgrade DMT over one SSH connection with the real Composer. */
class SandboxHostTest {

    @TempDir
    Path tmp;

    @Test
    void demoScenarioUpgradesOverOneSshConnection() throws Exception {
        Path workDir = tmp.resolve("host");
        try (SandboxHost host = SandboxHost.startDemo(workDir)) {
            assertEquals("2.4.6-p3", host.project().magentoVersion());
            assertEquals("2.4.5", host.project().installedDmtVersion());
            Path knownHosts = tmp.resolve("known_hosts");
            host.writeKnownHosts(knownHosts);

            SshClient client = SshClient.setUpDefaultClient();
            client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE,
                    knownHosts));
            client.start();
            try (ClientSession session = client.connect(host.user(), host.host(), host.port())
                    .verify(Duration.ofSeconds(10)).getSession()) {
                new FileKeyPairProvider(host.identityFile()).loadKeys(session).forEach(session::addPublicKeyIdentity);
                session.auth().verify(Duration.ofSeconds(10));
                String cd = "cd '" + host.magentoRoot() + "' && ";

                EmbeddedSshServerTest.Exec version = EmbeddedSshServerTest.exec(session, cd + "bin/magento --version",
                        null);
                assertEquals("Magento CLI 2.4.6-p3\n", version.out());

                // Without credentials the repository answers 401 and Composer cannot ask: the engine must pass them.
                EmbeddedSshServerTest.Exec noAuth = EmbeddedSshServerTest.exec(session, cd
                        + "COMPOSER_CACHE_DIR=/dev/null composer show --all --format=json magento/data-migration-tool",
                        null);
                assertNotEquals(0, noAuth.status(), noAuth.toString());

                String auth = "COMPOSER_AUTH='" + host.composerAuthJson() + "' ";
                EmbeddedSshServerTest.Exec show = EmbeddedSshServerTest.exec(session, cd + auth
                        + "composer show --all --format=json magento/data-migration-tool", null);
                assertEquals(0, show.status(), show.toString());
                assertTrue(show.out().contains("\"2.4.6.1\""), show.out());

                EmbeddedSshServerTest.Exec require = EmbeddedSshServerTest.exec(session, cd + auth
                        + "composer require --no-interaction --no-progress magento/data-migration-tool:"
                        + SandboxHost.DEFAULT_EXPECTED_DMT_VERSION, null);
                assertEquals(0, require.status(), require.toString());
            } finally {
                client.stop();
            }
            assertEquals("2.4.6.1", host.project().installedDmtVersion());
            assertEquals(1, host.ssh().sessionCount());
            assertTrue(host.describe().get("ssh").startsWith("magento@127.0.0.1:"));
        }
        assertFalse(Files.exists(workDir), "close() deletes the work dir");
    }

    @Test
    void credentialsOnHostAndKeepWorkDir() throws Exception {
        Path workDir = tmp.resolve("kept");
        try (SandboxHost host = SandboxHost.start(workDir, "2.4.8-p1", null,
                SandboxHost.Options.defaults().composerCredentialsOnHost(true).keepWorkDir(true))) {
            assertEquals(null, host.project().installedDmtVersion());
            CommandResult viaShell = Processes.run(java.util.List.of("sh", "-c",
                    "COMPOSER_HOME='" + host.project().composerHome() + "' COMPOSER_ALLOW_SUPERUSER=1 "
                            + "composer show --all --format=json magento/data-migration-tool"),
                    host.project().root(), java.util.Map.of());
            assertEquals(0, viaShell.exitCode(), viaShell.toString());
        }
        assertTrue(Files.exists(workDir.resolve("magento/composer.lock")));
    }
}
