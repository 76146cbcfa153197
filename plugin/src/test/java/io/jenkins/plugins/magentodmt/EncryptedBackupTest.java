package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 4 in Jenkins: whoever may read a build's artifacts may read the backup, and the backup holds the DMT's
 * config.xml with the database passwords. The step names those files in the log, and with a Secret text credential
 * (backupEncryptionCredentialsId) archives the backup encrypted, so that the artifact opens only with the passphrase.
 */
class EncryptedBackupTest {
    private static final String CONFIG = "etc/opensource-to-opensource/1.9.4.5/config.xml";
    private static final String DB_PASSWORD = "Db-Passw0rd-19be";
    private static final String PASSPHRASE_ID = "dmt-backup-passphrase";
    private static final String PASSPHRASE = "artifact passphrase 3f9c0d";

    @TempDir
    Path work;

    private static MagentoDmtUpgradeStep step(SandboxBuild b) throws Exception {
        b.sandbox.project().addDmtFile(CONFIG, "<config><database host=\"db\" name=\"m1\" user=\"m1\" password=\"" + DB_PASSWORD
                + "\"/></config>\n");
        return b.configure(new MagentoDmtUpgradeStep(b.sandbox.host(), SandboxBuild.SSH_ID, b.sandbox.magentoRoot()));
    }

    @Test
    void withASecretTextCredentialTheArtifactIsEncryptedAndOpensWithTheDocumentedCommand() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            b.services.credentials.put(PASSPHRASE_ID, new Doubles.SecretString(PASSPHRASE_ID, PASSPHRASE));
            MagentoDmtUpgradeStep step = step(b);
            step.setBackupEncryptionCredentialsId(PASSPHRASE_ID);

            Map<String, Object> r = b.runStep(step);

            assertEquals("UPGRADED", r.get("status"), b.log());
            String artifact = (String) r.get("backupArtifact");
            assertTrue(artifact.endsWith(".tar.gz.enc"), artifact);
            assertEquals(Boolean.TRUE, r.get("backupEncrypted"));
            assertEquals(List.of("vendor/magento/data-migration-tool/" + CONFIG + " (database password)"), r.get("credentialFiles"));
            Path archived = b.archive.resolve(artifact);
            assertEquals(r.get("backupSha256"), SandboxFixtures.sha256(archived), "the SHA-256 is the artifact's");
            String command = (String) r.get("decryptCommand");
            assertTrue(b.log().contains(command), b.log());

            Path opened = work.resolve("opened.tar.gz");
            ProcessBuilder openssl = new ProcessBuilder("openssl", "enc", "-d", "-aes-256-cbc", "-pbkdf2", "-iter", "600000", "-md", "sha256",
                    "-in", archived.toString(), "-out", opened.toString(), "-pass", "env:PASSPHRASE").redirectErrorStream(true);
            openssl.environment().put("PASSPHRASE", PASSPHRASE);
            Process p = openssl.start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), said);
            Process tar = new ProcessBuilder("tar", "-xzOf", opened.toString(), "vendor/magento/data-migration-tool/" + CONFIG).start();
            assertTrue(new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains(DB_PASSWORD));

            // credentials-binding's rule: search the log and every artifact for the secrets.
            assertTrue(b.services.runLookups >= 3, "every credential is looked up for the run (and tracked)");
            for (String secret : List.of(PASSPHRASE, DB_PASSWORD)) {
                assertFalse(b.log().contains(secret), "the log shows a secret");
                assertFalse(r.toString().contains(secret), "the result shows a secret");
                try (Stream<Path> files = Files.walk(b.archive)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret), f + " holds " + secret);
                    }
                }
            }
        }
    }

    @Test
    void withoutItTheLogNamesTheFilesThatHoldCredentialsAndRecommendsTheOption() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            MagentoDmtUpgradeStep step = step(b);
            step.setDryRun(true);
            Map<String, Object> r = b.runStep(step);
            assertEquals("DRY_RUN", r.get("status"), b.log());
            assertTrue(b.log().contains("The backup holds credentials: vendor/magento/data-migration-tool/" + CONFIG), b.log());
            assertTrue(b.log().contains("backupEncryptionCredentialsId"), b.log());
            assertFalse(b.log().contains(DB_PASSWORD), "the log shows a value");
        }
    }

    @Test
    void aPassphraseCredentialThatIsNotThereFailsBeforeAnythingConnects() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            MagentoDmtUpgradeStep step = step(b);
            step.setBackupEncryptionCredentialsId("missing-passphrase");
            AbortException e = assertThrows(AbortException.class, () -> b.runStep(step));
            assertTrue(e.getMessage().contains("missing-passphrase") && e.getMessage().contains("Secret text"), e.getMessage());
            assertFalse(b.log().contains("[magento-dmt] Upgrading on"), b.log());
            assertEquals("2.4.5", b.installedDmt());
        }
    }
}
