package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From the first change on, the host ends fully upgraded or fully restored, whatever happens to the caller: an abort,
 * a timeout, or a dropped connection. Composer here is the real one, wrapped to linger after it has changed the root.
 */
class InterruptionTest {
    @TempDir
    Path work;

    /** Real Composer, then a pause: the root is already changed when the caller gives up. */
    private String lingeringComposer(int seconds) throws IOException {
        Path script = work.resolve("lingering-composer");
        Files.writeString(script, "#!/bin/sh\ncomposer \"$@\"\nrc=$?\n"
                + "if [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then echo 'composer finished; lingering'; sleep " + seconds + "; fi\nexit $rc\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    @Test
    void anAbortDuringComposerRestoresTheHost() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            UpgradeRequest request = f.request().composerCommand(lingeringComposer(30)).build();
            Thread[] worker = new Thread[1];
            CompletableFuture<UpgradeReport> run = CompletableFuture.supplyAsync(() -> {
                worker[0] = Thread.currentThread();
                try {
                    return f.upgrade(request);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            awaitOutput(f, "composer finished; lingering");
            assertEquals("2.4.6.1", f.installedDmt(), "Composer has changed the root by now");
            worker[0].interrupt();
            try {
                run.get(3, TimeUnit.MINUTES);
                fail("an interrupted upgrade must not report success");
            } catch (ExecutionException e) {
                assertTrue(e.getCause() instanceof UpgradeInterruptedException, String.valueOf(e.getCause()));
                assertEquals("FAILED_RESTORED", ((UpgradeInterruptedException) e.getCause()).hostStatus(), e.getCause().getMessage());
            }
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())), "restored to the backup's bytes");
            assertFalse(Files.exists(f.root().resolve("var/dmt-upgrade/lock")));
        }
    }

    @Test
    void theHostEnforcesTheTimeoutItselfAndRestores() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            UpgradeReport r = f.upgrade(f.request().composerCommand(lingeringComposer(60)).timeout(Duration.ofSeconds(8)).build());
            assertEquals(UpgradeStatus.FAILED_RESTORED, r.status(), r.message() + "\n" + f.progress.text());
            assertTrue(r.message().contains("timeout"), r.message());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())));
        }
    }

    @Test
    void aDroppedConnectionLeavesTheHostToFinishByItselfAndTheNextRunReportsIt() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            UpgradeRequest request = f.request().composerCommand(lingeringComposer(4)).build();
            CompletableFuture<UpgradeReport> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return f.upgrade(request);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            awaitOutput(f, "composer finished; lingering");
            f.sandbox.ssh().close();
            UpgradeReport lost = run.get(2, TimeUnit.MINUTES);
            assertEquals(UpgradeStatus.FAILED_NOT_RESTORED, lost.status(), lost.message());
            assertTrue(lost.message().contains("finishes or restores by itself"), lost.message());
            Path result = f.root().resolve("var/dmt-upgrade/result");
            Path lock = f.root().resolve("var/dmt-upgrade/lock");
            // The result is published a moment before the lock is released: wait for both.
            for (int i = 0; i < 300 && (!Files.exists(result) || Files.exists(lock)); i++) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(result), "the host-side transaction finished on its own");
            assertEquals("2.4.6.1", f.installedDmt());
            assertFalse(Files.exists(lock));
            // The next run (here on the host itself) tells what happened to the one nobody saw end.
            try (LocalHost local = new LocalHost()) {
                UpgradeReport next = new DmtUpgrader(local, ProgressListener.NONE).check(request);
                assertEquals("UPGRADED", next.previousRun().get("status"), next.previousRun().toString());
                assertEquals(UpgradeStatus.MATCHED, next.status());
            }
        }
    }

    private static void awaitOutput(SandboxFixture f, String text) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (f.progress.text().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("never saw '" + text + "' in:\n" + f.progress.text());
    }
}
