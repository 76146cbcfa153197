package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.magentodmt.core.UpgradeInterruptedException;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aborting the build interrupts the step; the host is restored and the step fails with what the host said. */
class AbortTest {
    @TempDir
    Path work;

    @Test
    void anAbortDuringComposerRestoresTheHostAndPropagates() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            Path composer = work.resolve("lingering-composer");
            Files.writeString(composer, "#!/bin/sh\ncomposer \"$@\"\nrc=$?\n"
                    + "if [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then echo 'composer finished; lingering'; sleep 30; fi\nexit $rc\n");
            Files.setPosixFilePermissions(composer, PosixFilePermissions.fromString("rwxr-xr-x"));
            MagentoDmtUpgradeStep step = b.configure(new MagentoDmtUpgradeStep(b.sandbox.host(), SandboxBuild.SSH_ID,
                    b.sandbox.magentoRoot()));
            step.setComposerCommand(composer.toString());
            Doubles.TestContext context = new Doubles.TestContext()
                    .with(Run.class, b.run).with(FilePath.class, b.workspacePath())
                    .with(Launcher.class, new Doubles.TestLauncher(b.listener)).with(TaskListener.class, b.listener)
                    .with(EnvVars.class, new EnvVars());
            MagentoDmtUpgradeStepExecution execution = (MagentoDmtUpgradeStepExecution) step.start(context);
            Thread[] worker = new Thread[1];
            CompletableFuture<Map<String, Object>> running = CompletableFuture.supplyAsync(() -> {
                worker[0] = Thread.currentThread();
                try {
                    return execution.run();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!b.log().contains("composer finished; lingering")) {
                if (System.nanoTime() > deadline || running.isDone()) {
                    fail("Composer never got going:\n" + b.log());
                }
                Thread.sleep(100);
            }
            worker[0].interrupt(); // what SynchronousNonBlockingStepExecution.stop does on abort
            try {
                running.get(3, TimeUnit.MINUTES);
                fail("an aborted upgrade must not succeed");
            } catch (ExecutionException e) {
                UpgradeInterruptedException interrupted = (UpgradeInterruptedException) e.getCause();
                assertEquals("FAILED_RESTORED", interrupted.hostStatus(), interrupted.getMessage());
                assertTrue(b.log().contains(interrupted.getMessage()), "the build log says what the host did");
            }
            assertEquals("2.4.5", b.installedDmt(), "restored");
            assertEquals(List.of("2.4.5"), b.services.hostStates, "the backup had been archived");
            assertEquals(0, HeldUpgrades.size());
        }
    }

    /**
     * The Pipeline's stop(): the step asks the host to stop through a separate call, records what the host did on the
     * build (its action, the "restored" line) and only then ends, with the abort's own cause.
     */
    @Test
    void aStopIsReportedOnTheBuildBeforeTheStepEndsWithTheAbort() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            Path composer = work.resolve("lingering-composer");
            Files.writeString(composer, "#!/bin/sh\ncomposer \"$@\"\nrc=$?\n"
                    + "if [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then echo 'composer finished; lingering'; sleep 60; fi\nexit $rc\n");
            Files.setPosixFilePermissions(composer, PosixFilePermissions.fromString("rwxr-xr-x"));
            MagentoDmtUpgradeStep step = b.configure(new MagentoDmtUpgradeStep(b.sandbox.host(), SandboxBuild.SSH_ID,
                    b.sandbox.magentoRoot()));
            step.setComposerCommand(composer.toString());
            Doubles.TestContext context = new Doubles.TestContext()
                    .with(Run.class, b.run).with(FilePath.class, b.workspacePath())
                    .with(Launcher.class, new Doubles.TestLauncher(b.listener)).with(TaskListener.class, b.listener);
            MagentoDmtUpgradeStepExecution execution = (MagentoDmtUpgradeStepExecution) step.start(context);
            CompletableFuture<Map<String, Object>> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return execution.run();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!b.log().contains("composer finished; lingering")) {
                if (System.nanoTime() > deadline || running.isDone()) {
                    fail("Composer never got going:\n" + b.log());
                }
                Thread.sleep(100);
            }
            Exception abort = new Exception("Aborted by the tester");
            execution.stop(abort);
            try {
                running.get(3, TimeUnit.MINUTES);
                fail("a stopped upgrade must not succeed");
            } catch (ExecutionException e) {
                assertSame(abort, e.getCause(), "the step ends with the abort's own cause");
            }
            UpgradeAction action = (UpgradeAction) b.run.actions.get(0);
            assertEquals("FAILED_RESTORED", action.getSummary().getStatus(), b.log());
            String log = b.log();
            assertTrue(log.indexOf("asking the host, through a separate call") < log.indexOf("restored: every file matches the backup"),
                    log);
            assertEquals("2.4.5", b.installedDmt(), "restored");
            assertFalse(Files.exists(Path.of(b.sandbox.magentoRoot(), "var/dmt-upgrade/lock")), "released");
        }
    }
}
