package io.jenkins.plugins.magentodmt.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;

/**
 * The engine's side of the host-side transaction: starts it, shows its output live, and turns its result file into
 * the report. When the caller is interrupted or times out it asks the host to stop and restore, then waits for that.
 */
final class Transaction {
    private static final Duration CANCEL_WAIT = Duration.ofMinutes(3);
    private static final Duration MARGIN = Duration.ofMinutes(2);

    private final RemoteHost host;
    private final ProgressListener progress;
    private final PreparedUpgrade p;

    Transaction(RemoteHost host, ProgressListener progress, PreparedUpgrade p) {
        this.host = host;
        this.progress = progress;
        this.p = p;
    }

    HostFacts run() throws IOException, InterruptedException {
        String body = HostScripts.header(p.params) + HostScripts.load("common.sh") + "\n" + HostScripts.load("transaction.sh");
        byte[] launcher = HostScripts.script(p.params, p.request.composerAuth(),
                HostScripts.writeFile("\"$DMT_STATE/transaction.sh\"", body), HostScripts.load("launch.sh"), HostScripts.load("follow.sh"));
        Follower follower = new Follower();
        try {
            host.execute(p.ownerCommand, launcher, follower.out, follower.err, p.request.timeout().plus(MARGIN));
            follower.close();
            if (follower.result().has("status")) {
                return follower.result();
            }
            return unknown("the host-side transaction ended without a result");
        } catch (RemoteHost.CommandTimeoutException e) {
            progress.warning("The upgrade did not finish within " + p.request.timeout().toMinutes() + " min: asking the host to restore.");
            return cancel("timed out");
        } catch (InterruptedException e) {
            progress.warning("Interrupted: asking the host to stop Composer and restore the backup.");
            HostFacts outcome = cancel("aborted");
            throw new UpgradeInterruptedException(outcome.get("status"), outcome.get("message"));
        } catch (IOException e) {
            return unknown("the connection to " + host.describe() + " failed during the upgrade (" + e.getMessage() + ")");
        }
    }

    /** Attaches to a transaction that was started (by this process or another) and waits for its result. */
    HostFacts follow() throws InterruptedException {
        Follower follower = new Follower();
        try {
            byte[] script = HostScripts.script(p.params, null, HostScripts.load("follow.sh"));
            host.execute(p.ownerCommand, script, follower.out, follower.err, p.request.timeout().plus(MARGIN));
            follower.close();
            HostFacts f = follower.result();
            return f.has("status") ? f : unknown("the host did not report the outcome of the upgrade");
        } catch (IOException e) {
            return unknown("the host-side transaction could not be followed (" + e.getMessage() + ")");
        }
    }

    /** Asks the transaction to stop and restore, and waits (bounded) for what it did. */
    HostFacts cancel(String why) {
        Follower follower = new Follower();
        try {
            byte[] script = HostScripts.script(p.params, null, HostScripts.load("cancel.sh"), HostScripts.load("follow.sh"));
            host.execute(p.ownerCommand, script, follower.out, follower.err, CANCEL_WAIT);
            follower.close();
            HostFacts f = follower.result();
            return f.has("status") ? f : unknown(why + "; the host did not report the outcome of the restore");
        } catch (IOException e) {
            return unknown(why + "; the host could not be asked to restore (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(why + "; interrupted again while the host restores");
        }
    }

    /** Nobody here knows the outcome: the host finishes or restores by itself, and the next run reports it. */
    private HostFacts unknown(String why) {
        return HostFacts.parse("status=" + UpgradeStatus.FAILED_NOT_RESTORED + "\nmessage=" + why
                + ". The host-side transaction finishes or restores by itself; the next run reports its outcome.\nunknown=yes\n");
    }

    /** Turns the host's result into the report, double-checking the version it claims. */
    static void apply(HostFacts result, PreparedUpgrade p) {
        UpgradeReport r = p.report;
        r.status = UpgradeStatus.valueOf(result.get("status"));
        r.message = result.get("message");
        r.keptCustomFiles = (int) Math.max(0, result.number("kept_custom_files"));
        for (String f : result.get("kept_conflicts").split(" ")) {
            if (!f.isBlank()) {
                r.keptConflicts.add(f);
            }
        }
        r.restoreChecks.addAll(result.all("restore_check"));
        r.notRestored.addAll(result.all("not_restored"));
        if (r.status == UpgradeStatus.UPGRADED) {
            r.newVersion = result.get("new_version");
            if (!p.target.equals(r.newVersion)) {
                r.status = UpgradeStatus.FAILED_NOT_RESTORED;
                r.message = "the host reported UPGRADED but the installed version is '" + r.newVersion + "', not " + p.target;
            } else {
                r.message = "Upgraded magento/data-migration-tool " + (r.previousVersion.isEmpty() ? "(not installed)" : r.previousVersion)
                        + " -> " + r.newVersion + " for Magento " + r.magentoVersion + ".";
            }
        } else if (r.status == UpgradeStatus.FAILED_RESTORED && result.is("not_started", "yes")) {
            r.newVersion = r.previousVersion;
            r.message = "The upgrade to " + p.target + " did not run: " + r.message + ".";
        } else if (r.status == UpgradeStatus.FAILED_RESTORED && r.restoreChecks.size() == 2
                && r.restoreChecks.stream().allMatch(c -> c.contains(": passed"))) {
            r.newVersion = r.previousVersion;
            r.message = "The upgrade to " + p.target + " failed (" + r.message + "); the host was restored to the backup and checked: "
                    + String.join("; ", r.restoreChecks) + ".";
        } else if (r.status == UpgradeStatus.FAILED_RESTORED) {
            // Never claim a restore that was not verified.
            r.status = UpgradeStatus.FAILED_NOT_RESTORED;
            r.newVersion = "";
            r.message = "The upgrade to " + p.target + " failed (" + r.message + ") and the host reported a restore without both of its "
                    + "checks (" + (r.restoreChecks.isEmpty() ? "none" : String.join("; ", r.restoreChecks)) + ").";
        } else {
            r.newVersion = "";
            if (!r.notRestored.isEmpty()) {
                r.message = r.message + ". Not as before: " + String.join(", ", r.notRestored.subList(0, Math.min(10, r.notRestored.size())))
                        + (r.notRestored.size() > 10 ? " and " + (r.notRestored.size() - 10) + " more" : "") + ".";
            }
        }
    }

    /** Splits the launcher's output: the host's log lines go to the listener live, the result after the marker. */
    private final class Follower {
        private final StringBuilder resultText = new StringBuilder();
        private boolean inResult;
        final LineSink out = new LineSink(this::line);
        final LineSink err = new LineSink(progress::output);

        private void line(String line) {
            if (inResult) {
                resultText.append(line).append('\n');
            } else if (line.equals(HostScripts.RESULT_MARKER)) {
                inResult = true;
            } else {
                progress.output(line);
            }
        }

        void close() {
            out.close();
            err.close();
        }

        HostFacts result() {
            return HostFacts.parse(resultText.toString());
        }
    }
}
