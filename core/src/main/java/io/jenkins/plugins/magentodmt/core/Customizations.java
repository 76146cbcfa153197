package io.jenkins.plugins.magentodmt.core;

/** Texts about the team's own code in the tool's directory, and how to restore by hand. */
final class Customizations {
    private Customizations() {
    }

    static String describe(String root, String installed, UpgradeReport r) {
        StringBuilder sb = new StringBuilder()
                .append("# Files in ").append(root).append("/vendor/magento/data-migration-tool (").append(installed)
                .append(") that differ from the pristine magento/data-migration-tool ").append(installed).append(" package.\n")
                .append("# A = added by you (put back after the upgrade when keepCustomFiles is on); M = modified (port by hand);\n")
                .append("# R = removed. All of them are in the backup archive beside this file.\n");
        r.addedFiles.forEach(f -> sb.append("A ").append(f).append('\n'));
        r.modifiedFiles.forEach(f -> sb.append("M ").append(f).append('\n'));
        r.removedFiles.forEach(f -> sb.append("R ").append(f).append('\n'));
        if (r.addedFiles.isEmpty() && r.modifiedFiles.isEmpty() && r.removedFiles.isEmpty()) {
            sb.append("# none: the directory is the pristine package\n");
        }
        return sb.toString();
    }

    static String restoreInstructions(StartedUpgrade p) {
        String root = Shell.quote(p.magentoRoot());
        String backup = Shell.quote(p.stateDir() + "/" + p.run());
        return "On the host, as " + p.owner() + ":\n"
                + "  cd " + root + "\n"
                + "  rm -rf vendor/magento/data-migration-tool\n"
                + "  tar -xpzf " + backup + " --exclude=MANIFEST.sha256\n"
                + "  tar -xzOf " + backup + " MANIFEST.sha256 | sha256sum -c --quiet -\n"
                + "  rm -rf " + Shell.quote(p.stateDir() + "/lock") + "\n"
                + "The same backup is here: " + p.report.backupFile + " (SHA-256 " + p.report.backupSha256 + ")"
                + (p.report.backupEncrypted ? "; it is encrypted: open it with " + p.report.decryptCommand + "." : ".");
    }
}
