package io.jenkins.plugins.magentodmt.core;

import java.util.List;
import java.util.Map;

/**
 * What the backup holds that is secret, and its encryption on the host. The preflight names the files (never a value);
 * with a passphrase, prepare.sh encrypts the archive before it leaves the state directory and only that leaves.
 */
final class BackupSecrets {
    private BackupSecrets() {
    }

    /** Names the files that hold credentials, in the report and the log; says what reads them when they stay plain. */
    static void describe(HostFacts f, UpgradeRequest req, UpgradeReport r, ProgressListener progress) {
        List<String> files = f.all("secret_file");
        r.sensitiveFiles.addAll(files);
        if (files.isEmpty()) {
            return;
        }
        String named = "The backup holds credentials: " + String.join("; ", files) + " (values not shown).";
        if (req.backupPassphrase() != null) {
            progress.info(named + " It is encrypted on the host before it leaves it.");
            return;
        }
        String w = named + " Whoever can read the backup (in Jenkins, whoever can read the build's artifacts) can read them: "
                + "the backup encryption option encrypts it on the host.";
        r.warnings.add(w);
        progress.warning(w);
    }

    static void params(Map<String, String> p, UpgradeRequest req) {
        p.put("DMT_ENCRYPT", req.backupPassphrase() != null ? "yes" : "no");
        p.put("DMT_ENCRYPT_ITER", Integer.toString(BackupEncryption.ITERATIONS));
    }

    /** The passphrase as prepare.sh receives it, inside the script on standard input; "" without encryption. */
    static String passphrase(UpgradeRequest req) {
        return HostScripts.secret("DMT_BACKUP_PASSPHRASE", req.backupPassphrase());
    }

    /** The name of the file that leaves the host: the archive's, with ".enc" when it is encrypted. */
    static String archivedName(Map<String, String> params) {
        return params.get("DMT_BACKUP_NAME") + ("yes".equals(params.get("DMT_ENCRYPT")) ? BackupEncryption.SUFFIX : "");
    }

    static void downloaded(Map<String, String> params, UpgradeReport r, ProgressListener progress) {
        if (!"yes".equals(params.get("DMT_ENCRYPT"))) {
            return;
        }
        r.backupEncrypted = true;
        r.decryptCommand = BackupEncryption.decryptCommand(archivedName(params));
        progress.info("The backup was encrypted on the host (AES-256-CBC, PBKDF2-SHA256, " + BackupEncryption.ITERATIONS
                + " iterations, OpenSSL's format). Open it with: " + r.decryptCommand);
    }
}
