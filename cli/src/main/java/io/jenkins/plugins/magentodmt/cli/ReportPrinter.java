package io.jenkins.plugins.magentodmt.cli;

import io.jenkins.plugins.magentodmt.core.UpgradeReport;
import io.jenkins.plugins.magentodmt.core.UpgradeStatus;
import java.io.PrintStream;

/** The report for a person; {@code --json} prints {@link UpgradeReport#toJson()} instead. */
final class ReportPrinter {
    private ReportPrinter() {
    }

    static void print(UpgradeReport r, boolean json, PrintStream out) {
        if (json) {
            out.println(r.toJson());
            return;
        }
        out.println();
        out.println("Status:            " + r.status());
        out.println("                   " + r.message());
        out.println("Host:              " + r.host() + "  " + r.magentoRoot());
        out.println("Magento:           " + r.magentoVersion());
        out.println("DMT before:        " + orNone(r.previousVersion()));
        out.println("DMT after:         " + orNone(r.newVersion()));
        if (!r.targetVersion().isEmpty()) {
            out.println("Target:            " + r.targetVersion());
        }
        if (!r.devPackages()) {
            out.println("Install mode:      without dev packages (--update-no-dev), as the site was installed");
        }
        if (!r.composerVerdict().isEmpty()) {
            out.println("Composer (asked):  " + r.composerVerdict());
            r.composerOperations().forEach(o -> out.println("                   " + o));
            r.composerProblems().forEach(o -> out.println("                   " + o));
        }
        if (!r.magentoCliAfter().isEmpty()) {
            out.println("bin/magento after: " + r.magentoCliAfter() + (r.compiled() ? " (setup:di:compile ran)" : ""));
        }
        if (!r.backupFile().isEmpty()) {
            out.println("Backup:            " + r.backupFile());
            out.println("Backup SHA-256:    " + r.backupSha256());
            if (r.backupEncrypted()) {
                out.println("Backup encrypted:  open it with: " + r.decryptCommand() + "   (or: magento-dmt-upgrade decrypt)");
            }
        }
        r.credentialFiles().forEach(f -> out.println("Credentials in:    " + f));
        if (!r.credentialFiles().isEmpty() && !r.backupEncrypted()) {
            out.println("                   (the backup holds them in the clear: --encrypt-backup-env VAR encrypts it on the host)");
        }
        if (!r.customizationsFile().isEmpty()) {
            out.println("Customizations:    " + r.customizationsFile() + " (" + r.addedFiles().size() + " added, "
                    + r.modifiedFiles().size() + " modified, " + r.removedFiles().size() + " removed)");
            r.addedFiles().forEach(f -> out.println("                   A " + f));
            r.modifiedFiles().forEach(f -> out.println("                   M " + f + "   (port by hand)"));
        }
        if (r.keptCustomFiles() > 0 || !r.keptConflicts().isEmpty()) {
            out.println("Custom files kept: " + r.keptCustomFiles() + (r.keptConflicts().isEmpty() ? ""
                    : "; not put back (the new release has them): " + String.join(" ", r.keptConflicts())));
        }
        r.recovery().forEach(c -> out.println("Recovery:          " + c));
        r.restoreChecks().forEach(c -> out.println("Restore check:     " + c));
        r.notRestored().forEach(p -> out.println("Not restored:      " + p));
        r.warnings().forEach(w -> out.println("Warning:           " + w));
        if (r.status() == UpgradeStatus.FAILED_NOT_RESTORED && !r.restoreInstructions().isEmpty()) {
            out.println();
            out.println("RESTORE BY HAND:");
            out.println(r.restoreInstructions());
        }
        StringBuilder phases = new StringBuilder();
        r.phaseMillis().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey(
                java.util.Comparator.comparingInt(k -> io.jenkins.plugins.magentodmt.core.Phase.valueOf(k).ordinal())))
                .forEach(e -> phases.append(phases.length() == 0 ? "" : ", ").append(e.getKey().toLowerCase(java.util.Locale.ROOT))
                        .append(' ').append(e.getValue()).append(" ms"));
        out.println("Time per phase:    " + phases);
    }

    private static String orNone(String v) {
        return v == null || v.isEmpty() ? "(not installed)" : v;
    }
}
