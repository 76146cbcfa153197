package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 4: the backup holds what the team keeps in the tool's directory, the DMT's config.xml with the source
 * and destination database passwords and Magento 1's crypt_key among it. The preflight names those files (never their
 * values), and an option encrypts the archive on the host, in OpenSSL's format, before it leaves the state directory.
 */
class BackupSecretsTest {
    private static final String CONFIG = "vendor/magento/data-migration-tool/etc/opensource-to-opensource/1.9.4.5/config.xml";
    private static final String DB_PASSWORD = "Db-Passw0rd-4a7f";
    private static final String CRYPT_KEY = "f00dfeedcafe4b1d9e0c";
    private static final String PASSPHRASE = "correct horse battery staple 8d2e";

    @TempDir
    Path work;

    private static void writeDmtConfig(SandboxFixture f) throws IOException {
        Path config = f.root().resolve(CONFIG);
        Files.createDirectories(config.getParent());
        Files.writeString(config, "<config>\n  <source>\n    <database host=\"localhost\" name=\"magento1\" user=\"m1\" password=\""
                + DB_PASSWORD + "\"/>\n  </source>\n  <options>\n    <crypt_key>" + CRYPT_KEY + "</crypt_key>\n  </options>\n</config>\n");
        // The shipped template: empty values hold nothing.
        Files.writeString(config.resolveSibling("config.xml.dist"),
                "<config>\n  <database host=\"localhost\" name=\"magento1\" user=\"root\" password=\"\"/>\n  <crypt_key/>\n</config>\n");
    }

    @Test
    void thePreflightNamesTheBackupFilesThatHoldCredentialsNeverTheirValues() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            writeDmtConfig(f);
            UpgradeReport r = f.upgrade(f.request().dryRun(true).fullBackup(true).build());
            assertEquals(UpgradeStatus.DRY_RUN, r.status(), r.message());
            assertEquals(List.of(CONFIG + " (database password, crypt_key)", "app/etc/env.php (database password, crypt key; in "
                    + "bin/magento setup:backup's code backup on the host)"), r.credentialFiles());
            String log = f.progress.text();
            assertTrue(log.contains("WARN The backup holds credentials: " + CONFIG), log);
            assertTrue(log.contains("encrypt"), log);
            for (String secret : List.of(DB_PASSWORD, CRYPT_KEY)) {
                assertFalse(log.contains(secret), "the log shows a value");
                assertFalse(r.toJson().contains(secret), "the report shows a value");
            }
        }
    }

    @Test
    void anEncryptedBackupOpensWithTheDocumentedOpensslCommandAndNoSecretLeavesInTheClear() throws Exception {
        Prerequisites.require("openssl");
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            writeDmtConfig(f);
            UpgradeReport r = f.upgrade(f.request().backupPassphrase(SecretText.of(PASSPHRASE)).build());
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message() + "\n" + f.progress.text());
            assertTrue(r.backupEncrypted());
            Path archived = Path.of(r.backupFile());
            assertTrue(archived.getFileName().toString().endsWith(".tar.gz.enc"), archived.toString());
            assertEquals(SandboxFixture.sha256(archived), r.backupSha256(), "the SHA-256 is the archived file's");
            assertEquals(Files.size(archived), r.backupBytes());
            assertEquals("openssl enc -d -aes-256-cbc -pbkdf2 -iter 600000 -md sha256 -in " + archived.getFileName()
                    + " -out " + archived.getFileName().toString().replaceAll("\\.enc$", ""), r.decryptCommand());

            // The documented command, with the passphrase from the environment instead of the prompt.
            Path opened = work.resolve("opened.tar.gz");
            assertEquals("", openssl(PASSPHRASE, "enc", "-d", "-aes-256-cbc", "-pbkdf2", "-iter", "600000", "-md", "sha256",
                    "-in", archived.toString(), "-out", opened.toString(), "-pass", "env:DMT_TEST_PASSPHRASE"));
            String manifest = run(work, "tar", "-xzOf", opened.toString(), "MANIFEST.sha256");
            assertTrue(manifest.contains("  " + CONFIG + "\n"), manifest);
            assertTrue(run(work, "tar", "-xzOf", opened.toString(), CONFIG).contains(DB_PASSWORD), "the backup holds the config");

            // The command line's decrypt: the same bytes.
            Path decrypted = work.resolve("decrypted.tar.gz");
            BackupEncryption.decrypt(archived, decrypted, SecretText.of(PASSPHRASE));
            assertArrayEquals(Files.readAllBytes(opened), Files.readAllBytes(decrypted));

            // Nothing in the clear where the backup went, in the log or in the report; nothing left in the state dir.
            String log = f.progress.text();
            for (String secret : List.of(PASSPHRASE, DB_PASSWORD, CRYPT_KEY)) {
                assertFalse(log.contains(secret), "the log shows a secret");
                assertFalse(r.toJson().contains(secret), "the report shows a secret");
                for (Path file : files(f.backupDir)) {
                    assertFalse(contains(Files.readAllBytes(file), secret), file + " holds a secret in the clear");
                }
            }
            assertTrue(files(f.backupDir).stream().noneMatch(file -> file.toString().endsWith(".tar.gz")), "no unencrypted backup here");
            assertTrue(files(f.root().resolve("var/dmt-upgrade")).stream().noneMatch(file -> file.toString().endsWith(".enc")),
                    "the encrypted copy is gone from the host's state directory");
            assertTrue(log.contains(r.decryptCommand()), log);
        }
    }

    @Test
    void aWrongPassphraseIsSaidSoAndWritesNothing() throws Exception {
        Prerequisites.require("openssl");
        Path plain = work.resolve("plain.tar.gz");
        try (java.io.OutputStream gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(plain))) {
            gz.write("some archive bytes".getBytes(StandardCharsets.UTF_8));
        }
        Path encrypted = work.resolve("plain.tar.gz.enc");
        assertEquals("", openssl(PASSPHRASE, "enc", "-aes-256-cbc", "-pbkdf2", "-iter", "600000", "-md", "sha256", "-salt",
                "-in", plain.toString(), "-out", encrypted.toString(), "-pass", "env:DMT_TEST_PASSPHRASE"));
        Path out = work.resolve("out.tar.gz");
        IOException e = assertThrows(IOException.class, () -> BackupEncryption.decrypt(encrypted, out, SecretText.of("not the passphrase")));
        assertTrue(e.getMessage().contains("wrong passphrase"), e.getMessage());
        assertFalse(Files.exists(out));
        BackupEncryption.decrypt(encrypted, out, SecretText.of(PASSPHRASE));
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(out), "what OpenSSL encrypted opens with the engine's decrypt");
    }

    @Test
    void aShortPassphraseIsBadInput() {
        DmtException e = assertThrows(DmtException.class,
                () -> UpgradeRequest.builder("/srv/magento").backupPassphrase(SecretText.of("short")).build());
        assertEquals(DmtException.Kind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("at least 12 characters"), e.getMessage());
        assertFalse(e.getMessage().contains("short"), "the message shows the passphrase");
    }

    /** Runs OpenSSL with the passphrase in its environment; returns its output when it failed, "" when it did not. */
    private static String openssl(String passphrase, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DMT_TEST_PASSPHRASE", passphrase);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? "" : "exit " + p.exitValue() + ": " + out;
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
