package io.jenkins.plugins.magentodmt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.magentodmt.sandbox.MagentoProject;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user runs it: its interface, exit codes and output streams are fixed. */
class CommandLineIT {
    private static final Path JAR = Path.of("target/magento-dmt-upgrade.jar");

    @TempDir
    Path work;

    record Run(int exit, String out, String err) {
    }

    private Run cli(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().putAll(env);
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the command line finished");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private SandboxHost sandbox(String magento, String dmt, SandboxHost.Options options) throws IOException, InterruptedException {
        assumeTrue(hasPhpAndComposer() || "true".equals(System.getenv("CI")), "php and composer are needed");
        return SandboxHost.start(work.resolve("sandbox"), magento, dmt, options);
    }

    private List<String> connection(SandboxHost s) throws IOException {
        Path knownHosts = work.resolve("known_hosts");
        s.writeKnownHosts(knownHosts);
        return List.of("--host", s.host(), "--port", Integer.toString(s.port()), "--user", s.user(),
                "--identity", s.identityFile().toString(), "--known-hosts", knownHosts.toString(), "--magento-root", s.magentoRoot());
    }

    private static String[] args(String command, List<String> connection, String... more) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(connection);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void badInputExitsWithTwoAndConnectsNowhere() throws Exception {
        assertEquals(2, cli(Map.of()).exit());
        Run relative = cli(Map.of(), "check", "--local", "--magento-root", "var/www");
        assertEquals(2, relative.exit());
        assertTrue(relative.err().contains("absolute path"), relative.err());
        Run noRule = cli(Map.of(), "check", "--host", "h.example", "--user", "u", "--password-env", "PW", "--magento-root", "/var/www");
        assertEquals(2, noRule.exit());
        assertTrue(noRule.err().contains("host key rule"), noRule.err());
        Run badVersion = cli(Map.of(), "upgrade", "--local", "--magento-root", "/var/www", "--version", "2.4.7-p3");
        assertEquals(2, badVersion.exit());
        assertTrue(badVersion.err().contains("never carry Magento's -pN"), badVersion.err());
    }

    @Test
    void anUntrustedHostKeyExitsWithSix() throws Exception {
        try (SandboxHost s = sandbox("2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            Path empty = Files.writeString(work.resolve("empty"), "");
            Run r = cli(Map.of(), "check", "--host", s.host(), "--port", Integer.toString(s.port()), "--user", s.user(),
                    "--identity", s.identityFile().toString(), "--known-hosts", empty.toString(), "--magento-root", s.magentoRoot());
            assertEquals(6, r.exit(), r.err());
            assertTrue(r.err().contains(s.hostKeyFingerprint()), r.err());
        }
    }

    @Test
    void checkThenUpgradeThenCheckWithJsonOnStandardOutputOnly() throws Exception {
        try (SandboxHost s = sandbox("2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            Run mismatch = cli(Map.of(), args("check", connection(s), "--json"));
            assertEquals(3, mismatch.exit(), mismatch.err());
            assertTrue(mismatch.out().strip().startsWith("{\"status\":\"MISMATCHED\""), mismatch.out());
            assertEquals(1, mismatch.out().strip().lines().count(), "the report is the only thing on standard output");

            Map<String, String> env = Map.of("MAGENTO_COMPOSER_AUTH", s.composerAuthJson());
            List<String> extra = new ArrayList<>(List.of("--composer-auth-env", "MAGENTO_COMPOSER_AUTH", "--backup-dir", "backups", "--json"));
            if (MagentoProject.isRoot()) {
                extra.add("--allow-root");
            }
            Run upgrade = cli(env, args("upgrade", connection(s), extra.toArray(String[]::new)));
            assertEquals(0, upgrade.exit(), upgrade.err());
            assertTrue(upgrade.out().contains("\"status\":\"UPGRADED\"") && upgrade.out().contains("\"newVersion\":\"2.4.6.1\""), upgrade.out());
            assertTrue(upgrade.err().contains("[6/8] Running composer require"), upgrade.err());
            assertFalse((upgrade.out() + upgrade.err()).contains(s.repository().privateKey()), "no secret in any output");
            try (var backups = Files.list(work.resolve("backups"))) {
                List<String> names = backups.map(p -> p.getFileName().toString()).toList();
                assertTrue(names.stream().anyMatch(n -> n.matches("dmt-backup-.*-2\\.4\\.5-.*\\.tar\\.gz")), names.toString());
            }
            assertEquals(0, cli(Map.of(), args("check", connection(s))).exit());
        }
    }

    @Test
    void aFailedUpgradeThatWasRestoredExitsWithFour() throws Exception {
        try (SandboxHost s = sandbox("2.4.6-p3", "2.4.5", SandboxHost.Options.defaults().brokenDmtVersion("2.4.6.2"))) {
            Map<String, String> env = Map.of("AUTH", s.composerAuthJson());
            List<String> extra = new ArrayList<>(List.of("--composer-auth-env", "AUTH", "--version", "2.4.6.2"));
            if (MagentoProject.isRoot()) {
                extra.add("--allow-root");
            }
            Run r = cli(env, args("upgrade", connection(s), extra.toArray(String[]::new)));
            assertEquals(4, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("FAILED_RESTORED"), r.out());
            assertEquals("2.4.5", s.project().installedDmtVersion());
        }
    }

    @Test
    void aReleaseComposerRefusesExitsWithThreeBeforeAnyChangeAndTheJsonReportHoldsComposersProblems() throws Exception {
        try (SandboxHost s = sandbox("2.4.6-p3", "2.4.5", SandboxHost.Options.defaults().extraDmtVersion("2.4.6.2", "^6.4"))) {
            Map<String, String> env = Map.of("AUTH", s.composerAuthJson());
            List<String> extra = new ArrayList<>(List.of("--composer-auth-env", "AUTH", "--version", "2.4.6.2", "--json"));
            if (MagentoProject.isRoot()) {
                extra.add("--allow-root");
            }
            Run r = cli(env, args("upgrade", connection(s), extra.toArray(String[]::new)));
            assertEquals(3, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("Problem 1"), r.err());
            assertTrue(r.out().contains("\"composerVerdict\":\"refused\"") && r.out().contains("Problem 1"), r.out());
            assertFalse(Files.exists(Path.of(s.magentoRoot(), "var/dmt-upgrade")), "nothing locked");
            assertEquals("2.4.5", s.project().installedDmtVersion());
        }
    }

    @Test
    void compileRunsSetupDiCompileAndOneThatFailsRestoresAndExitsWithFour() throws Exception {
        try (SandboxHost s = sandbox("2.4.6-p3", "2.4.5", SandboxHost.Options.defaults().dmtBreakingDiCompile("2.4.6.4"))) {
            Map<String, String> env = Map.of("AUTH", s.composerAuthJson());
            List<String> extra = new ArrayList<>(List.of("--composer-auth-env", "AUTH", "--compile", "--backup-dir", "backups"));
            if (MagentoProject.isRoot()) {
                extra.add("--allow-root");
            }
            List<String> failing = new ArrayList<>(extra);
            failing.addAll(List.of("--version", "2.4.6.4"));
            Run failed = cli(env, args("upgrade", connection(s), failing.toArray(String[]::new)));
            assertEquals(4, failed.exit(), failed.out() + failed.err());
            assertTrue(failed.out().contains("FAILED_RESTORED") && failed.out().contains("setup:di:compile"), failed.out());
            assertEquals("2.4.5", s.project().installedDmtVersion());

            extra.addAll(List.of("--version", "2.4.6.1"));
            Run compiled = cli(env, args("upgrade", connection(s), extra.toArray(String[]::new)));
            assertEquals(0, compiled.exit(), compiled.out() + compiled.err());
            assertTrue(compiled.out().contains("(setup:di:compile ran)"), compiled.out());
            assertTrue(Files.exists(Path.of(s.magentoRoot(), "generated/metadata/global.php")));
        }
    }

    @Test
    void anEncryptedBackupOpensWithDecryptAndNoSecretReachesAnyOutput() throws Exception {
        try (SandboxHost s = sandbox("2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            String dbPassword = "Db-Passw0rd-77c1";
            Path config = Path.of(s.magentoRoot(), "vendor/magento/data-migration-tool/etc/opensource-to-opensource/1.9.4.5/config.xml");
            Files.createDirectories(config.getParent());
            Files.writeString(config, "<config><database host=\"db\" name=\"m1\" user=\"m1\" password=\"" + dbPassword + "\"/></config>\n");
            String passphrase = "a long backup passphrase 5e1";
            Map<String, String> env = Map.of("AUTH", s.composerAuthJson(), "BACKUP_PASS", passphrase, "SHORT", "too short");
            List<String> extra = new ArrayList<>(List.of("--composer-auth-env", "AUTH", "--backup-dir", "backups"));
            if (MagentoProject.isRoot()) {
                extra.add("--allow-root");
            }
            List<String> shortOne = new ArrayList<>(extra);
            shortOne.addAll(List.of("--encrypt-backup-env", "SHORT"));
            Run refused = cli(env, args("upgrade", connection(s), shortOne.toArray(String[]::new)));
            assertEquals(2, refused.exit(), refused.err());
            assertTrue(refused.err().contains("at least 12 characters"), refused.err());

            extra.addAll(List.of("--encrypt-backup-env", "BACKUP_PASS"));
            Run upgrade = cli(env, args("upgrade", connection(s), extra.toArray(String[]::new)));
            assertEquals(0, upgrade.exit(), upgrade.out() + upgrade.err());
            assertTrue(upgrade.out().contains("Credentials in:    vendor/magento/data-migration-tool/etc/opensource-to-opensource/"
                    + "1.9.4.5/config.xml (database password)"), upgrade.out());
            assertTrue(upgrade.out().contains("Backup encrypted:  open it with: openssl enc -d -aes-256-cbc -pbkdf2 -iter 600000"), upgrade.out());
            Path encrypted;
            try (var backups = Files.list(work.resolve("backups"))) {
                encrypted = backups.filter(p -> p.toString().endsWith(".tar.gz.enc")).findFirst().orElseThrow();
            }
            Run opened = cli(env, "decrypt", "--passphrase-env", "BACKUP_PASS", encrypted.toString());
            assertEquals(0, opened.exit(), opened.err());
            Path plain = Path.of(encrypted.toString().replaceAll("\\.enc$", ""));
            Process tar = new ProcessBuilder("tar", "-xzOf", plain.toString(), config.toString().substring(s.magentoRoot().length() + 1)).start();
            assertTrue(new String(tar.getInputStream().readAllBytes()).contains(dbPassword), "the decrypted backup holds the config");
            assertEquals(0, tar.waitFor());

            Run again = cli(env, "decrypt", "--passphrase-env", "BACKUP_PASS", encrypted.toString());
            assertEquals(2, again.exit(), again.err());
            assertTrue(again.err().contains("never overwritten"), again.err());
            Run wrong = cli(env, "decrypt", "--passphrase-env", "AUTH", encrypted.toString(), "--output", "wrong.tar.gz");
            assertEquals(2, wrong.exit(), wrong.err());
            assertTrue(wrong.err().contains("wrong passphrase"), wrong.err());
            assertFalse(Files.exists(work.resolve("wrong.tar.gz")));
            for (Run r : List.of(refused, upgrade, opened, again, wrong)) {
                for (String secret : List.of(passphrase, dbPassword, "too short")) {
                    assertFalse((r.out() + r.err()).contains(secret), "a secret in the output: " + secret);
                }
            }
        }
    }

    @Test
    void theDemoUpgradesASandboxHostAndSaysWhereTheBackupWent() throws Exception {
        assumeTrue(hasPhpAndComposer() || "true".equals(System.getenv("CI")), "php and composer are needed");
        Run demo = cli(Map.of(), "demo");
        assertEquals(0, demo.exit(), demo.out() + demo.err());
        assertTrue(demo.out().contains("UPGRADED") && demo.out().contains("2.4.5 -> 2.4.6.1"), demo.out());
        assertTrue(demo.out().contains("The backup went to " + work.resolve("magento-dmt-demo-backup")), demo.out());
    }

    private static boolean hasPhpAndComposer() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "command -v php && command -v composer").start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

}
