package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import hudson.AbortException;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller restart mid-upgrade, as far as it can be played here: the step's execution is saved (Java
 * serialization, as Pipeline's program state is written) at the moment the step saved it, read back with a fresh
 * context, and resumed. The host-side transaction went on by itself meanwhile; the resumed step reports its outcome.
 */
class ResumeTest {
    @TempDir
    Path work;

    /** The execution as a restarted controller reads it, its context replaced by the new controller's. */
    private static MagentoDmtUpgradeStepExecution restarted(MagentoDmtUpgradeStepExecution saved, Doubles.TestContext fresh)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            {
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object obj) {
                return obj instanceof Doubles.TestContext ? "the-context" : obj;
            }
        }) {
            out.writeObject(saved);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            {
                enableResolveObject(true);
            }

            @Override
            protected Object resolveObject(Object obj) {
                return "the-context".equals(obj) ? fresh : obj;
            }
        }) {
            return (MagentoDmtUpgradeStepExecution) in.readObject();
        }
    }

    @Test
    void aRestartDuringComposerFollowsTheHostToItsOutcome() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            MagentoDmtUpgradeStep step = b.configure(new MagentoDmtUpgradeStep(b.sandbox.host(), SandboxBuild.SSH_ID, b.sandbox.magentoRoot()));
            step.setComposerCommand(b.lingeringComposer(4).toString());
            Doubles.TestContext before = b.context(b.run);
            MagentoDmtUpgradeStepExecution execution = (MagentoDmtUpgradeStepExecution) step.start(before);
            CompletableFuture<Map<String, Object>> dying = CompletableFuture.supplyAsync(() -> {
                try {
                    return execution.run();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            waitFor(b, "composer finished; lingering");
            assertTrue(before.saves >= 2, "saved before archiving and before Composer: " + before.saves);
            Doubles.TestRun newRun = new Doubles.TestRun();
            Doubles.TestContext after = b.context(newRun);
            MagentoDmtUpgradeStepExecution resumed = restarted(execution, after);

            resumed.onResume();

            Object outcome = after.outcome.get(3, TimeUnit.MINUTES);
            assertInstanceOf(Map.class, outcome, String.valueOf(outcome));
            assertEquals("UPGRADED", ((Map<?, ?>) outcome).get("status"), b.log());
            assertEquals("UPGRADED", ((UpgradeAction) newRun.actions.get(0)).getSummary().getStatus());
            assertTrue(b.log().contains("The controller restarted during the upgrade"), b.log());
            assertEquals("2.4.6.1", b.installedDmt());
            dying.get(3, TimeUnit.MINUTES);
        }
    }

    @Test
    void aRestartBeforeComposerReleasesTheLockAndChangesNothing() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            CountDownLatch archiving = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            b.services.beforeArchive = () -> {
                archiving.countDown();
                never.await(); // the controller dies while it archives
            };
            MagentoDmtUpgradeStep step = b.configure(new MagentoDmtUpgradeStep(b.sandbox.host(), SandboxBuild.SSH_ID, b.sandbox.magentoRoot()));
            Doubles.TestContext before = b.context(b.run);
            MagentoDmtUpgradeStepExecution execution = (MagentoDmtUpgradeStepExecution) step.start(before);
            Thread dying = new Thread(() -> {
                try {
                    execution.run();
                } catch (Exception e) {
                    // the old controller's thread: nobody sees its end
                }
            });
            dying.start();
            if (!archiving.await(3, TimeUnit.MINUTES)) {
                fail("never archived:\n" + b.log());
            }
            assertTrue(Files.isDirectory(Path.of(b.sandbox.magentoRoot(), "var/dmt-upgrade/lock")), "locked while archiving");
            Doubles.TestContext after = b.context(new Doubles.TestRun());
            restarted(execution, after).onResume();

            Object outcome = after.outcome.get(3, TimeUnit.MINUTES);
            AbortException e = assertInstanceOf(AbortException.class, outcome);
            assertTrue(e.getMessage().contains("before Composer ran") && e.getMessage().contains("lock was released"), e.getMessage());
            assertFalse(Files.exists(Path.of(b.sandbox.magentoRoot(), "var/dmt-upgrade/lock")), "released");
            assertEquals("2.4.5", b.installedDmt());
            dying.interrupt();
        }
    }

    private static void waitFor(SandboxBuild b, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!b.log().contains(text)) {
            if (System.nanoTime() > deadline) {
                fail("never saw '" + text + "':\n" + b.log());
            }
            Thread.sleep(100);
        }
    }
}
