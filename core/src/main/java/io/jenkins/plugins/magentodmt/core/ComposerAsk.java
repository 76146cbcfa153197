package io.jenkins.plugins.magentodmt.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Composer decides first: {@code composer require magento/data-migration-tool:TARGET --dry-run}, as the owner with the
 * credentials and flags of the real run, before anything is locked or written (ask.sh). The preflight asks when the
 * target is known at its start; when the engine chooses the target from {@code composer show}, one more exec on the
 * same connection asks.
 */
final class ComposerAsk {
    /** What Composer answered for one target. */
    record Verdict(String target, String exit, String flags, List<String> problems, List<String> operations, String error) {
        static Verdict of(HostFacts f) {
            return new Verdict(f.get("ask_target"), f.get("ask_exit"), f.get("ask_flags"), f.all("ask_problem"),
                    f.all("ask_operation"), f.get("ask_error"));
        }

        boolean accepted() {
            return "0".equals(exit);
        }

        /**
         * Whether this answers for {@code release}: asked for it, or asked for a constraint and Composer would install
         * exactly it (a solution with that release exists, so requiring it exactly is solvable too).
         */
        boolean answersFor(String release) {
            if (exit.isEmpty()) {
                return false;
            }
            if (release.equals(target)) {
                return true;
            }
            Pattern picked = Pattern.compile("(Installing|Upgrading|Downgrading) magento/data-migration-tool \\((.* => )?"
                    + Pattern.quote(release) + "\\)");
            return accepted() && target.startsWith("~") && operations.stream().anyMatch(o -> picked.matcher(o).matches());
        }

        /** How the real run is asked for, with the flags it will use. */
        String command() {
            return "composer require magento/data-migration-tool:" + target + " --dry-run" + (flags.isBlank() ? "" : " " + flags);
        }
    }

    private ComposerAsk() {
    }

    /** The preflight's verdict when it asked for {@code target}, else Composer's answer from a second exec. */
    static Verdict verdict(RemoteHost host, UpgradeRequest req, Preflight.HostState s, String target, Duration timeout)
            throws DmtException, IOException, InterruptedException {
        Verdict early = Verdict.of(s.facts());
        if (early.answersFor(target)) {
            return early;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("DMT_ROOT", req.magentoRoot());
        params.put("DMT_OWNER", s.owner());
        params.put("DMT_SWITCH", s.switchUser() ? "yes" : "no");
        params.put("DMT_COMPOSER", req.composerCommand());
        params.put("DMT_ALLOW_ROOT", req.allowRoot() ? "yes" : "no");
        params.put("DMT_ASK_TARGET", target);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = host.execute("exec sh -s", HostScripts.script(params, req.composerAuth(), HostScripts.load("ask.sh"),
                HostScripts.load("ask-run.sh")), out, err, timeout);
        Verdict v = Verdict.of(HostFacts.parse(out.toByteArray()));
        if (exit != 0 || v.exit().isEmpty()) {
            throw DmtException.preflight("Could not ask Composer on " + host.describe() + " whether it would install " + target
                    + " (exit " + exit + "): " + err.toString(StandardCharsets.UTF_8).strip() + ". Nothing was changed.");
        }
        return v;
    }

    /** Records the verdict in the report and the log; a refusal stops the run here, before any change. */
    static void decide(Verdict v, UpgradeReport r, String owner, ProgressListener progress) throws DmtException {
        r.composerOperations.addAll(v.operations());
        r.composerProblems.addAll(v.problems());
        if (v.accepted()) {
            r.composerVerdict = "would succeed";
            progress.info("Composer, asked first as " + owner + " (" + v.command() + "): would succeed"
                    + (v.operations().isEmpty() ? "" : ": " + String.join("; ", v.operations())));
            return;
        }
        r.composerVerdict = "refused";
        String why = v.problems().isEmpty() ? v.error() : String.join(" ", v.problems());
        r.message = "Composer refuses " + v.command().replace(" --dry-run", "") + " (asked first as " + owner
                + " with --dry-run, exit " + v.exit() + "): " + why + " Nothing was locked or changed.";
        progress.warning(r.message);
        throw DmtException.preflight(r.message).withReport(r);
    }
}
