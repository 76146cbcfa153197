package io.jenkins.plugins.magentodmt.core;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's side of the host-side transaction: starts it (or attaches to one already started), shows its output
 * live, and turns its result file into the report. When the caller is interrupted or times out it asks the host to
 * stop and restore, then waits for that. When the connection drops it reconnects and follows the same transaction to
 * its end; only when it cannot reconnect is the outcome unknown here (INTERRUPTED), never guessed.
 */
final class Transaction {
    private static final Duration CANCEL_WAIT = Duration.ofMinutes(3);
    private static final Duration MARGIN = Duration.ofMinutes(2);
    private static final int MAX_DROPS = 5;

    private final RemoteHost original;
    private final ProgressListener progress;
    private final StartedUpgrade t;
    private final SecretText composerAuth;
    private final Duration reconnectWithin;
    /** The connection in use: the original one, or after a drop a new one that is ours to close. */
    private RemoteHost current;
    /** Lines of the host's log shown so far: a follower after a reconnect resumes after them. */
    private int logLines;

    Transaction(RemoteHost host, ProgressListener progress, StartedUpgrade t, SecretText composerAuth, Duration reconnectWithin) {
        this.reconnectWithin = reconnectWithin;
        this.original = host;
        this.current = host;
        this.progress = progress;
        this.t = t;
        this.composerAuth = composerAuth;
    }

    /** Writes the transaction's script, starts it detached on the host and follows it. */
    HostFacts run() throws IOException, InterruptedException {
        String body = HostScripts.header(t.params) + HostScripts.load("common.sh") + "\n" + HostScripts.load("restore.sh")
                + "\n" + HostScripts.load("transaction.sh");
        byte[] launcher = HostScripts.script(t.params, composerAuth,
                HostScripts.writeFile("\"$DMT_STATE/transaction.sh\"", body), HostScripts.load("launch.sh"), HostScripts.load("follow.sh"));
        return attend(launcher);
    }

    /** Attaches to a transaction started earlier (maybe by another process) and follows it to its result. */
    HostFacts follow() throws IOException, InterruptedException {
        return attend(followScript());
    }

    private byte[] followScript() {
        Map<String, String> params = new LinkedHashMap<>(t.params);
        params.put("DMT_LOG_FROM", Integer.toString(logLines + 1));
        return HostScripts.script(params, null, HostScripts.load("follow.sh"));
    }

    private HostFacts attend(byte[] first) throws IOException, InterruptedException {
        try {
            byte[] script = first;
            for (int drops = 0; ; drops++) {
                Follower follower = new Follower();
                try {
                    current.execute(t.ownerCommand, script, follower.out, follower.err, t.timeout().plus(MARGIN));
                    follower.close();
                    return follower.result().has("status") ? follower.result() : ended();
                } catch (RemoteHost.CommandTimeoutException e) {
                    progress.warning("The upgrade did not finish within " + t.timeout().toMinutes() + " min: asking the host to restore.");
                    return cancel("timed out");
                } catch (InterruptedException e) {
                    progress.warning("Interrupted: asking the host to stop Composer and restore the backup.");
                    throw new UpgradeInterruptedException(cancel("aborted"));
                } catch (IOException e) {
                    String lost = reason(e);
                    if (drops >= MAX_DROPS || !reconnect(lost)) {
                        return interrupted("the connection to " + original.describe() + " dropped during the upgrade (" + lost
                                + ") and could not be re-established within " + reconnectWithin.toSeconds() + " s");
                    }
                    script = followScript();
                }
            }
        } finally {
            closeReconnected();
        }
    }

    /** A few tries within the reconnect window, each with the original credentials and the key seen first. */
    private boolean reconnect(String lost) throws InterruptedException {
        progress.warning("The connection to " + original.describe() + " dropped (" + lost + "); the host-side transaction goes on "
                + "by itself. Reconnecting to follow it.");
        long deadline = System.nanoTime() + reconnectWithin.toNanos();
        long pause = 1000;
        for (int attempt = 1; ; attempt++) {
            try {
                RemoteHost fresh = original.reconnect();
                closeReconnected();
                current = fresh;
                progress.info("Reconnected (attempt " + attempt + "); following the host-side transaction from line " + (logLines + 1)
                        + " of its log.");
                return true;
            } catch (IOException e) {
                progress.warning("Reconnect attempt " + attempt + " failed: " + reason(e));
            }
            if (System.nanoTime() + pause * 1_000_000 > deadline) {
                return false;
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 15_000);
        }
    }

    private void closeReconnected() {
        if (current != original) {
            try {
                current.close();
            } catch (IOException e) {
                // The follow is over; a connection that does not close cleanly changes nothing on the host.
            }
            current = original;
        }
    }

    /** Asks the transaction to stop and restore, from any connection, and waits (bounded) for what the host did. */
    HostFacts stop() {
        return cancel("cancelled");
    }

    private HostFacts cancel(String why) {
        Follower follower = new Follower();
        progress.info("Waiting up to " + CANCEL_WAIT.toMinutes() + " min for the host to stop Composer and restore the backup "
                + "(or to finish, if Composer already has).");
        try {
            byte[] script = HostScripts.script(t.params, null, HostScripts.load("cancel.sh"), HostScripts.load("follow.sh"));
            current.execute(t.ownerCommand, script, follower.out, follower.err, CANCEL_WAIT);
            follower.close();
            HostFacts f = follower.result();
            return f.has("status") ? f : interrupted(why + "; the host did not report the outcome of the restore");
        } catch (IOException e) {
            return interrupted(why + "; the host could not be asked to restore (" + reason(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return interrupted(why + "; interrupted again while the host restores");
        }
    }

    /** The follower saw the transaction end without a result: it was stopped on the host before it could finish. */
    private HostFacts ended() {
        return HostFacts.parse("status=" + UpgradeStatus.INTERRUPTED + "\nmessage=the host-side transaction ended without a result "
                + "(stopped on the host: killed, out of memory or a reboot?), so its outcome is unknown here. The next run repairs "
                + "the root from the backup kept on the host before anything else\nunknown=yes\n");
    }

    /** Nobody here knows the outcome: the host finishes or restores by itself, and the next run reports it. */
    private HostFacts interrupted(String why) {
        return HostFacts.parse("status=" + UpgradeStatus.INTERRUPTED + "\nmessage=" + why.replace('\n', ' ')
                + "; the outcome is unknown here. The host-side transaction finishes or restores by itself; the next run reports "
                + "its outcome\nunknown=yes\n");
    }

    private static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Turns the host's result into the report, double-checking the version it claims. */
    static void apply(HostFacts result, StartedUpgrade p) {
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
        if (r.status == UpgradeStatus.INTERRUPTED) {
            r.newVersion = "";
            r.message = "The upgrade to " + p.target + " was not seen to its end: " + r.message + ".";
        } else if (r.status == UpgradeStatus.UPGRADED) {
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
                logLines++;
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
