package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void anAbortDuringComposerRestoresTheHost() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            UpgradeRequest request = f.request().composerCommand(f.lingeringComposer(30)).build();
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
                UpgradeInterruptedException interrupted = (UpgradeInterruptedException) e.getCause();
                assertEquals("FAILED_RESTORED", interrupted.hostStatus(), interrupted.getMessage());
                // The whole report travels with it, checked as any outcome is: a front end prints it (the CLI's Ctrl-C).
                UpgradeReport r = interrupted.report().orElseThrow();
                assertEquals(UpgradeStatus.FAILED_RESTORED, r.status(), r.message());
                assertTrue(r.message().contains("cancelled"), r.message());
                assertEquals(2, r.restoreChecks().size(), String.valueOf(r.restoreChecks()));
                assertEquals("2.4.5", r.newVersion());
                assertTrue(r.phaseMillis().containsKey("UPGRADE") && r.phaseMillis().containsKey("FINISH"), String.valueOf(r.phaseMillis()));
            }
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())), "restored to the backup's bytes");
            assertFalse(Files.exists(f.root().resolve("var/dmt-upgrade/lock")));
        }
    }

    @Test
    void theHostEnforcesTheTimeoutItselfAndRestores() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            UpgradeReport r = f.upgrade(f.request().composerCommand(f.lingeringComposer(60)).timeout(Duration.ofSeconds(8)).build());
            assertEquals(UpgradeStatus.FAILED_RESTORED, r.status(), r.message() + "\n" + f.progress.text());
            assertTrue(r.message().contains("timeout"), r.message());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())));
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
