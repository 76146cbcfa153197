package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts without the tools the host-side scripts use: the preflight finds out in its one round trip and refuses before
 * any change, naming what is missing. One host is BusyBox (Debian's busybox applets first and alone on the PATH, with
 * PHP and Composer), the other a GNU host without setsid.
 */
class HostToolsTest {
    @TempDir
    Path work;

    @Test
    void aBusyBoxHostIsRefusedBeforeAnyChangeNamingWhatItLacks() throws Exception {
        Prerequisites.require("busybox");
        Path bin = busyBoxBin(work.resolve("busybox-bin"));
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", pathOnly(bin))) {
            Map<String, String> before = f.snapshot();
            DmtException e = assertThrows(DmtException.class, () -> f.upgrade(f.request().build()));
            assertEquals(DmtException.Kind.PREFLIGHT, e.kind(), e.getMessage());
            // Debian's BusyBox has no comm, and its tar and sha256sum lack the options the backup and the restore use.
            assertTrue(e.getMessage().contains("comm") && e.getMessage().contains("tar -czf with --no-recursion --null -T")
                    && e.getMessage().contains("sha256sum -c --quiet --strict"), e.getMessage());
            assertNothingChanged(f, before);
        }
    }

    @Test
    void aHostWithoutSetsidIsRefusedBeforeTheLock() throws Exception {
        Path bin = usrBinWithout("setsid");
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", pathOnly(bin))) {
            Map<String, String> before = f.snapshot();
            DmtException e = assertThrows(DmtException.class, () -> f.upgrade(f.request().build()));
            assertEquals(DmtException.Kind.PREFLIGHT, e.kind(), e.getMessage());
            assertEquals(3, e.kind().exitCode());
            assertTrue(e.getMessage().contains("setsid"), e.getMessage());
            assertNothingChanged(f, before);
        }
    }

    @Test
    void anEncryptedBackupOnAHostWithoutOpensslIsRefusedBeforeTheLock() throws Exception {
        Path bin = usrBinWithout("openssl");
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", pathOnly(bin))) {
            Map<String, String> before = f.snapshot();
            DmtException e = assertThrows(DmtException.class,
                    () -> f.upgrade(f.request().backupPassphrase(SecretText.of("a passphrase of some length")).build()));
            assertEquals(DmtException.Kind.PREFLIGHT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("openssl enc -aes-256-cbc -pbkdf2 (OpenSSL 1.1.1 or newer), to encrypt the backup"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("a passphrase of some length"));
            assertNothingChanged(f, before);
        }
    }

    /** A PATH folder with every tool of /usr/bin but one. */
    private Path usrBinWithout(String missing) throws IOException {
        Path bin = Files.createDirectories(work.resolve("no-" + missing + "-bin"));
        try (Stream<Path> tools = Files.list(Path.of("/usr/bin"))) {
            for (Path tool : (Iterable<Path>) tools::iterator) {
                if (!tool.getFileName().toString().equals(missing)) {
                    Files.createSymbolicLink(bin.resolve(tool.getFileName()), tool);
                }
            }
        }
        return bin;
    }

    @Test
    void theFollowerWorksWithBusyBoxAlone() throws Exception {
        Prerequisites.require("busybox");
        Path bin = busyBoxBin(work.resolve("busybox-bin"));
        Path state = Files.createDirectories(work.resolve("state"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(state.resolve("txn.pid"), ended.pid() + "\n");
        Files.writeString(state.resolve("txn.log"), "[host] composer require magento/data-migration-tool:2.4.6.1\n");
        Files.writeString(state.resolve("result"), "status=UPGRADED\nmessage=installed\nrun=dmt-backup-x.tar.gz\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (LocalHost local = new LocalHost()) {
            int exit = local.execute("PATH=" + Shell.quote(bin.toString()) + " exec sh -s",
                    HostScripts.script(Map.of("DMT_STATE", state.toString(), "DMT_BACKUP_NAME", "dmt-backup-x.tar.gz"), null,
                            HostScripts.load("follow.sh")), out, err,
                    Duration.ofSeconds(20));
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, text + err.toString(StandardCharsets.UTF_8));
            assertTrue(text.contains("[host] composer require") && text.contains("@@DMT-RESULT@@\nstatus=UPGRADED\n"),
                    text + err.toString(StandardCharsets.UTF_8));
        }
    }

    private static void assertNothingChanged(SandboxFixture f, Map<String, String> before) throws IOException {
        assertEquals(before, f.snapshot());
        assertFalse(Files.exists(f.root().resolve("var/dmt-upgrade/lock")), "the lock was never taken");
        assertFalse(Files.exists(f.backupDir), "no backup was taken");
        assertEquals("2.4.5", f.installedDmt());
    }

    private static SandboxHost.Options pathOnly(Path bin) {
        SandboxHost.Options options = SandboxHost.Options.defaults();
        options.ssh().environment("PATH", bin.toString());
        return options;
    }

    /** Every BusyBox applet, and nothing else but PHP and Composer, which a Magento host has anyway. */
    static Path busyBoxBin(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process list = new ProcessBuilder("busybox", "--list").start();
        String applets = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, list.waitFor());
        Path busybox = Path.of("/usr/bin/busybox").toRealPath();
        for (String applet : applets.split("\n")) {
            if (!applet.isBlank() && !applet.contains("/")) {
                Files.createSymbolicLink(dir.resolve(applet.strip()), busybox);
            }
        }
        for (String tool : Set.of("php", "composer")) {
            Files.createSymbolicLink(dir.resolve(tool), Path.of("/usr/bin", tool));
        }
        return dir;
    }
}
