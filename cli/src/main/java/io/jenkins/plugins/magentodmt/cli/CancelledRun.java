package io.jenkins.plugins.magentodmt.cli;

import io.jenkins.plugins.magentodmt.core.Phase;
import io.jenkins.plugins.magentodmt.core.UpgradeAbandonedException;
import io.jenkins.plugins.magentodmt.core.UpgradeReport;
import io.jenkins.plugins.magentodmt.core.UpgradeStatus;
import java.io.PrintStream;

/** How a run that Ctrl-C (or SIGTERM) cancelled ends: what it says, and its exit code. */
final class CancelledRun {
    private CancelledRun() {
    }

    /** Cancelled before the lock was taken (connecting, checking, choosing the version): exit 3, as a refusal. */
    static int beforeTheLock(PrintStream err) {
        err.println("Cancelled before any change; nothing was locked or changed on the host.");
        return ExitCodes.PREFLIGHT;
    }

    /** Interrupted without a report from the engine, in the phase the first signal came in. */
    static int withoutReport(Phase cancelledIn, PrintStream err) {
        if (cancelledIn.compareTo(Phase.BACKUP) < 0) {
            return beforeTheLock(err);
        }
        if (cancelledIn.compareTo(Phase.UPGRADE) < 0) {
            // A second signal cut prepare.sh (or the release) short.
            err.println("Stopped before any change in the root, but the lock may be left on the host; the next run names it, "
                    + "and --break-lock breaks it once this run is gone.");
            return ExitCodes.PREFLIGHT;
        }
        err.println("Stopped during the upgrade without word from the host (reconnecting, say). The host-side transaction "
                + "finishes or restores by itself; the next run (check or upgrade) reports its outcome.");
        return ExitCodes.INTERRUPTED;
    }

    /** Cancelled with the lock held and the root untouched (backup, download): the engine gave the lock back. */
    static int abandoned(UpgradeAbandonedException e, PrintStream err) {
        err.println(e.lockReleased() ? "Cancelled before any change; the lock was released."
                : "Cancelled before any change; the lock could not be released, and the next run reports it as stale "
                        + "(--break-lock breaks it).");
        return ExitCodes.PREFLIGHT;
    }

    /** Cancelled during the upgrade: the report says what the host did (or that the wait for it was given up). */
    static int reported(UpgradeReport r, boolean json, PrintStream out, PrintStream err) {
        ReportPrinter.print(r, json, out);
        if (r.status() == UpgradeStatus.FAILED_RESTORED) {
            err.println("Cancelled: the host stopped Composer and restored the backup; " + r.magentoRoot() + " is as before.");
        } else if (r.status() == UpgradeStatus.UPGRADED) {
            err.println("Cancelled too late: Composer had already finished, so the upgrade stands (it was checked like any other).");
        } else if (r.status() == UpgradeStatus.INTERRUPTED) {
            err.println("Stopped waiting for the host. The host-side transaction finishes or restores by itself; the next run "
                    + "(check or upgrade) reports its outcome.");
        } else {
            err.println("Cancelled: the host could not restore everything; see the report above.");
        }
        return r.status().exitCode();
    }
}
