package io.jenkins.plugins.magentodmt;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.magentodmt.core.StartedUpgrade;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The {@code magentoDmtUpgrade} step's execution. It runs the upgrade on a thread of its own, as
 * {@link SynchronousNonBlockingStepExecution} does, and adds what a long step needs: an abort that reports what the
 * host did, and a controller restart that follows the host-side transaction to its outcome ({@link #onResume}).
 */
final class MagentoDmtUpgradeStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(MagentoDmtUpgradeStepExecution.class.getName());

    private static final Duration AGENT_COMES_BACK = Duration.ofMinutes(5);
    private static final Duration SAVE = Duration.ofSeconds(30);

    private final transient MagentoDmtUpgradeStep step;
    private transient volatile Thread runner;
    private transient volatile Throwable stopCause;
    // What a controller restart finds (saved through the context before each phase; no secret in either).
    private UpgradeOptions options;
    private boolean failOnError = true;
    private volatile StartedUpgrade started;
    private volatile boolean committing;

    MagentoDmtUpgradeStepExecution(MagentoDmtUpgradeStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext c = getContext();
        runner = Thread.currentThread();
        options = UpgradeOptions.literal(step);
        failOnError = step.isFailOnError();
        try {
            return upgradeRun(c, c.get(FilePath.class)).perform(failOnError, this::checkpoint).toStepResult();
        } catch (InterruptedException e) {
            Throwable cause = stopCause;
            if (cause instanceof Exception stop) {
                throw stop; // the abort's own cause: the build ends ABORTED, as it would have without us
            }
            throw e;
        } finally {
            runner = null;
        }
    }

    private UpgradeRun upgradeRun(StepContext c, FilePath workspace) throws IOException, InterruptedException {
        return new UpgradeRun(options, c.get(Run.class), workspace, c.get(Launcher.class), c.get(TaskListener.class));
    }

    /** Before the backup is archived and before Composer runs: what a restart must know is on disk first. */
    private void checkpoint(StartedUpgrade upgrade, boolean nowCommitting) throws InterruptedException {
        started = upgrade;
        committing = nowCommitting;
        try {
            getContext().saveState().get(SAVE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The upgrade goes on; a restart now would find the step as it was last saved.
            LOGGER.log(Level.WARNING, "Could not save the magentoDmtUpgrade step's state", e);
        }
    }

    /**
     * After a controller restart: the host-side transaction went on by itself. A step that had started it follows
     * it to its outcome (its build action and result as if no restart had happened); one that had only locked the
     * host releases it; neither changes what the host did.
     */
    @Override
    public void onResume() {
        Thread t = new Thread(this::resume, "magentoDmtUpgrade resumed after a restart");
        t.setDaemon(true);
        t.start();
    }

    private void resume() {
        StepContext c = getContext();
        try {
            if (started == null) {
                c.onFailure(new AbortException(Messages.Resume_BeforeLock()));
                return;
            }
            UpgradeRun r = upgradeRun(c, workspaceWhenBack(c));
            if (!committing) {
                c.onFailure(r.releaseAfterRestart(started));
                return;
            }
            c.onSuccess(r.followAfterRestart(started, failOnError).toStepResult());
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.onFailure(e);
        }
    }

    /** The agent reconnects on its own after a controller restart; its workspace is there again once it has. */
    private static FilePath workspaceWhenBack(StepContext c) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + AGENT_COMES_BACK.toNanos();
        while (true) {
            FilePath ws = null;
            try {
                ws = c.get(FilePath.class);
            } catch (IOException e) {
                LOGGER.log(Level.FINE, "The agent is not back yet", e);
            }
            if (ws != null) {
                return ws;
            }
            if (System.nanoTime() > deadline) {
                throw new AbortException(Messages.Resume_NoWorkspace(String.valueOf(AGENT_COMES_BACK.toMinutes())));
            }
            Thread.sleep(5_000);
        }
    }

    /**
     * The first abort interrupts the run, which asks the host to stop and restore and records what the host did
     * before the step ends with the abort. A second abort ends the step at once.
     */
    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        Thread t = runner;
        if (t != null && stopCause == null) {
            stopCause = cause;
            t.interrupt();
            return;
        }
        super.stop(cause);
    }
}
