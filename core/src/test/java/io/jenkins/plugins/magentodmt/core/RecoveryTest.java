package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the host-side transaction itself dies (kill -9, the OOM killer, a reboot) there is no live process and no
 * result. The run that saw it die says so without guessing; the next run repairs first, says what it found and did,
 * then goes on with what was asked. Real MINA server, real Composer.
 */
class RecoveryTest {
    @TempDir
    Path work;

    /** Composer wrapped: {@code before} runs first, then real Composer, then {@code after}. */
    private String composer(String before, String after) throws IOException {
        Path script = work.resolve("wrapped-composer");
        Files.writeString(script, "#!/bin/sh\nif [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then " + before + "; fi\ncomposer \"$@\"\nrc=$?\n"
                + "if [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then " + after + "; fi\nexit $rc\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    private CompletableFuture<UpgradeReport> upgradeInBackground(SandboxFixture f, UpgradeRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return f.upgrade(request);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    static void killTransaction(Path root) throws Exception {
        String pid = Files.readString(root.resolve("var/dmt-upgrade/txn.pid")).trim();
        assertEquals(0, new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor());
    }

    @Test
    void aTransactionKilledAfterComposerWroteIsReportedUnknownAndTheNextRunRestoresThenUpgrades() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            CompletableFuture<UpgradeReport> run = upgradeInBackground(f,
                    f.request().composerCommand(composer("true", "echo 'composer finished; lingering'; sleep 30")).build());
            ReconnectTest.awaitOutput(f, "composer finished; lingering");
            assertEquals("2.4.6.1", f.installedDmt(), "Composer has changed the root by now");
            killTransaction(f.root());
            UpgradeReport died = run.get(2, TimeUnit.MINUTES);
            assertEquals("INTERRUPTED", died.status().name(), died.message());
            assertTrue(died.message().contains("ended without a result"), died.message());

            RecordingProgress next = new RecordingProgress();
            UpgradeReport r;
            try (SshHost host = SshHost.connect(f.ssh(), next::warning)) {
                r = new DmtUpgrader(host, next).upgrade(f.request().build());
            }
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message() + "\n" + next.text());
            String recovery = String.join("\n", r.recovery());
            assertTrue(recovery.contains("died in its transaction (no live process, no result)") && recovery.contains("half-written")
                    && recovery.contains("restored the root from the backup") && recovery.contains("backup manifest: passed")
                    && recovery.contains("path listing: passed"), recovery);
            assertTrue(next.text().contains("Recovery: found"), next.text());
            assertEquals("2.4.6.1", f.installedDmt());
            assertOnlyResultAndLog(f.root());
        }
    }

    @Test
    void aRepairedRootIsByteIdenticalToBefore() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", io.jenkins.plugins.magentodmt.sandbox.SandboxHost.Options
                .defaults().brokenDmtVersion("2.4.6.2"))) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            CompletableFuture<UpgradeReport> run = upgradeInBackground(f,
                    f.request().composerCommand(composer("true", "echo 'composer finished; lingering'; sleep 30")).build());
            ReconnectTest.awaitOutput(f, "composer finished; lingering");
            killTransaction(f.root());
            assertEquals("INTERRUPTED", run.get(2, TimeUnit.MINUTES).status().name());
            // The next run repairs, then fails on a broken download and restores again: both must end as before.
            UpgradeReport r = f.upgrade(f.request().version("2.4.6.2").build());
            assertEquals(UpgradeStatus.FAILED_RESTORED, r.status(), r.message());
            assertTrue(String.join("\n", r.recovery()).contains("restored the root"), r.recovery().toString());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())), "byte-identical to before");
        }
    }

    @Test
    void aTransactionKilledBeforeAnyChangeOnlyReleasesTheLock() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            CompletableFuture<UpgradeReport> run = upgradeInBackground(f,
                    f.request().composerCommand(composer("echo 'about to run composer'; sleep 30", "true")).build());
            ReconnectTest.awaitOutput(f, "about to run composer");
            killTransaction(f.root());
            assertEquals("INTERRUPTED", run.get(2, TimeUnit.MINUTES).status().name());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())));
            UpgradeReport r = f.upgrade(f.request().build());
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message());
            String recovery = String.join("\n", r.recovery());
            assertTrue(recovery.contains("the root was still as before") && recovery.contains("released the lock"), recovery);
            assertOnlyResultAndLog(f.root());
        }
    }

    @Test
    void aPreparedUpgradeWhoseCallerDiedIsReleasedByBreakLockAndTheRunGoesOn() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            try (SshHost host = SshHost.connect(f.ssh(), m -> { })) {
                // The caller prepares, then is gone: it never commits nor abandons.
                new DmtUpgrader(host, ProgressListener.NONE).prepare(f.request().holder("gone").build());
            }
            DmtException refused = org.junit.jupiter.api.Assertions.assertThrows(DmtException.class, () -> f.upgrade(f.request().build()));
            assertTrue(refused.getMessage().contains("held by 'gone'"), refused.getMessage());
            UpgradeReport r = f.upgrade(f.request().breakLock(true).build());
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message() + "\n" + f.progress.text());
            assertTrue(String.join("\n", r.recovery()).contains("never started its transaction"), r.recovery().toString());
            assertOnlyResultAndLog(f.root());
        }
    }

    static void assertOnlyResultAndLog(Path root) throws IOException {
        try (Stream<Path> list = Files.list(root.resolve("var/dmt-upgrade"))) {
            assertEquals(List.of("result.reported", "txn.log"), list.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertFalse(Files.exists(root.resolve("var/dmt-upgrade/lock")));
    }
}
