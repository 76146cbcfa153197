package io.jenkins.plugins.magentodmt.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Before a new upgrade: a lock whose run the preflight could not see alive is judged on the host, as the owner
 * (recover.sh). A run that is gone is repaired first (its lock released, a half-written root restored from the backup
 * kept on the host and checked), and what was found and done goes into the report; then the upgrade goes on.
 */
final class Recovery {
    /** What recover.sh decided. */
    enum Outcome { NOTHING, REPAIRED, FAILED }

    private Recovery() {
    }

    static boolean worthAsking(Preflight.HostState s) {
        // Through sudo the SSH user cannot look into the owner's 0700 state directory: only the owner can tell.
        // Without a way to run as the owner, the preflight's own refusal says what is missing.
        return s.switchUser() ? s.facts().is("sudo", "ok") : s.facts().has("lock_holder") && !s.facts().is("lock_alive", "yes");
    }

    static Outcome run(RemoteHost host, UpgradeRequest req, Preflight.HostState s, UpgradeReport report, ProgressListener progress)
            throws DmtException, IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("DMT_ROOT", req.magentoRoot());
        params.put("DMT_STATE", req.stateDir());
        params.put("DMT_BREAK_LOCK", req.breakLock() ? "yes" : "no");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = host.execute(DmtUpgrader.ownerCommand(s), HostScripts.script(params, null, HostScripts.load("restore.sh"),
                HostScripts.load("recover.sh")), out, err, req.timeout());
        HostFacts f = HostFacts.parse(out.toByteArray());
        if (exit != 0 || !f.has("recovery")) {
            throw DmtException.preflight("Could not look at the lock on " + req.magentoRoot() + " as " + s.owner() + " (exit " + exit + "): "
                    + (f.get("error").isEmpty() ? err.toString(StandardCharsets.UTF_8).strip() : f.get("error")) + ". Nothing was changed.");
        }
        if (f.is("recovery", "none")) {
            if (f.is("recovery_reason", "running") || f.is("recovery_reason", "recovering")) {
                throw DmtException.preflight("Another upgrade of " + req.magentoRoot() + " is running, started by '" + f.get("lock_holder")
                        + "' since " + f.get("lock_since") + ": it is still running on the host"
                        + (f.is("recovery_reason", "recovering") ? " (it is repairing what an earlier run left)" : "") + ". Nothing was changed.");
            }
            return Outcome.NOTHING;
        }
        report.recovery.add("found: " + f.get("recovery_found"));
        report.recovery.add("did: " + f.get("recovery_did"));
        List<String> checks = f.all("restore_check");
        progress.warning("Recovery: found " + f.get("recovery_found") + ".");
        progress.warning("Recovery: " + f.get("recovery_did") + ".");
        if (f.is("recovery", "failed")) {
            report.restoreChecks.addAll(checks);
            report.notRestored.addAll(f.all("not_restored"));
            return Outcome.FAILED;
        }
        report.warnings.add("repaired an earlier run first: " + f.get("recovery_found") + "; " + f.get("recovery_did"));
        return Outcome.REPAIRED;
    }
}
