package io.jenkins.plugins.magentodmt.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a run found and did. It never holds a secret: it is printed, returned to Pipeline and archived. */
public final class UpgradeReport implements Serializable {
    private static final long serialVersionUID = 1L;
    String host = "";
    String magentoRoot = "";
    String magentoVersion = "";
    String previousVersion = "";
    String newVersion = "";
    String targetVersion = "";
    String owner = "";
    UpgradeStatus status;
    String message = "";
    String backupFile = "";
    String backupSha256 = "";
    long backupBytes = -1;
    String customizationsFile = "";
    boolean customizationsKnown;
    final List<String> addedFiles = new ArrayList<>();
    final List<String> modifiedFiles = new ArrayList<>();
    final List<String> removedFiles = new ArrayList<>();
    int keptCustomFiles;
    final List<String> keptConflicts = new ArrayList<>();
    final List<String> availableVersions = new ArrayList<>();
    final Map<String, Long> phaseMillis = new LinkedHashMap<>();
    final Map<String, String> previousRun = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    String restoreInstructions = "";
    boolean devPackages = true;
    final List<String> restoreChecks = new ArrayList<>();
    final List<String> notRestored = new ArrayList<>();
    final List<String> recovery = new ArrayList<>();
    String composerVerdict = "";
    /** Files of the backup that hold credentials, each with what kind ("… (database password, crypt_key)"), no value. */
    final List<String> sensitiveFiles = new ArrayList<>();
    boolean backupEncrypted;
    String decryptCommand = "";
    final List<String> composerOperations = new ArrayList<>();
    final List<String> composerProblems = new ArrayList<>();
    String magentoCliBefore = "";
    String magentoCliAfter = "";
    String mageMode = "";
    boolean compileNeeded;
    boolean compiled;

    public String host() {
        return host;
    }

    public String magentoRoot() {
        return magentoRoot;
    }

    public String magentoVersion() {
        return magentoVersion;
    }

    /** The tool's version before the run ("" when it was not installed). */
    public String previousVersion() {
        return previousVersion;
    }

    /** The tool's version after the run. */
    public String newVersion() {
        return newVersion;
    }

    public String targetVersion() {
        return targetVersion;
    }

    public String owner() {
        return owner;
    }

    public UpgradeStatus status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** The local backup file ("" when no backup was taken). */
    public String backupFile() {
        return backupFile;
    }

    public String backupSha256() {
        return backupSha256;
    }

    public long backupBytes() {
        return backupBytes;
    }

    public String customizationsFile() {
        return customizationsFile;
    }

    public boolean customizationsKnown() {
        return customizationsKnown;
    }

    /** Files in the installed tool that its pristine package lacks: the team's own files. */
    public List<String> addedFiles() {
        return List.copyOf(addedFiles);
    }

    /** Files of the package that were changed in place: to port by hand. */
    public List<String> modifiedFiles() {
        return List.copyOf(modifiedFiles);
    }

    public List<String> removedFiles() {
        return List.copyOf(removedFiles);
    }

    public int keptCustomFiles() {
        return keptCustomFiles;
    }

    public List<String> keptConflicts() {
        return List.copyOf(keptConflicts);
    }

    public List<String> availableVersions() {
        return List.copyOf(availableVersions);
    }

    public Map<String, Long> phaseMillis() {
        return Map.copyOf(phaseMillis);
    }

    /** The outcome of an earlier run that nobody saw (its connection dropped), when there was one. */
    public Map<String, String> previousRun() {
        return Map.copyOf(previousRun);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** For FAILED_NOT_RESTORED: the commands that restore the host by hand. */
    public String restoreInstructions() {
        return restoreInstructions;
    }

    /**
     * Whether Composer installs require-dev packages in this root: false for a site installed with {@code --no-dev}
     * (vendor/composer/installed.json says so), which the upgrade keeps with {@code --update-no-dev}.
     */
    public boolean devPackages() {
        return devPackages;
    }

    /** After a restore: each check of the restored root and its outcome, e.g. "backup manifest: passed (14 files)". */
    public List<String> restoreChecks() {
        return List.copyOf(restoreChecks);
    }

    /** After a restore that failed its checks: the paths (relative to the root) that are not as they were. */
    public List<String> notRestored() {
        return List.copyOf(notRestored);
    }

    /**
     * What this run found left by an earlier one that died on the host (no live process, no result) and what it did
     * about it before going on, e.g. "found: …" then "did: restored … (backup manifest: passed …)". Empty when nothing.
     */
    public List<String> recovery() {
        return List.copyOf(recovery);
    }

    /**
     * What Composer said when asked first ({@code composer require --dry-run}, as the owner): "would succeed",
     * "refused", or "" when it was not asked (the tool was already current).
     */
    public String composerVerdict() {
        return composerVerdict;
    }

    /** The operations Composer's dry run planned, e.g. "Upgrading magento/data-migration-tool (2.4.6 => 2.4.6.1)". */
    public List<String> composerOperations() {
        return List.copyOf(composerOperations);
    }

    /** Composer's own "Problem N" lines when it refused. */
    public List<String> composerProblems() {
        return List.copyOf(composerProblems);
    }

    /** What {@code php bin/magento --version} said before the upgrade ("" when it did not run). */
    public String magentoCliBefore() {
        return magentoCliBefore;
    }

    /** What it said after the upgrade, inside the transaction ("" when not checked). */
    public String magentoCliAfter() {
        return magentoCliAfter;
    }

    /** MAGE_MODE in app/etc/env.php ("" when it does not say). */
    public String mageMode() {
        return mageMode;
    }

    /** True when the site runs in production mode and nobody ran {@code bin/magento setup:di:compile} after the change. */
    public boolean compileNeeded() {
        return compileNeeded;
    }

    /** True when the upgrade ran {@code bin/magento setup:di:compile} (the compile option), inside the transaction. */
    public boolean compiled() {
        return compiled;
    }

    /** The files of the backup that hold credentials, with their kinds; never a value. */
    public List<String> credentialFiles() {
        return List.copyOf(sensitiveFiles);
    }

    /** True when the backup was encrypted on the host; {@link #backupSha256()} is then the encrypted file's. */
    public boolean backupEncrypted() {
        return backupEncrypted;
    }

    /** The OpenSSL command that opens the encrypted backup (it asks for the passphrase); empty when not encrypted. */
    public String decryptCommand() {
        return decryptCommand;
    }

    /** Plain values only (strings, numbers, lists, maps), in a stable order: for Pipeline and for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status == null ? "" : status.name());
        m.put("message", message);
        m.put("host", host);
        m.put("magentoRoot", magentoRoot);
        m.put("magentoVersion", magentoVersion);
        m.put("previousVersion", previousVersion);
        m.put("newVersion", newVersion);
        m.put("targetVersion", targetVersion);
        m.put("owner", owner);
        m.put("backupFile", backupFile);
        m.put("backupSha256", backupSha256);
        m.put("backupBytes", backupBytes);
        m.put("customizationsFile", customizationsFile);
        m.put("customizationsKnown", customizationsKnown);
        m.put("addedFiles", addedFiles());
        m.put("modifiedFiles", modifiedFiles());
        m.put("removedFiles", removedFiles());
        m.put("keptCustomFiles", keptCustomFiles);
        m.put("keptConflicts", keptConflicts());
        m.put("availableVersions", availableVersions());
        m.put("phaseMillis", new LinkedHashMap<>(phaseMillis));
        m.put("previousRun", new LinkedHashMap<>(previousRun));
        m.put("warnings", warnings());
        m.put("restoreInstructions", restoreInstructions);
        m.put("devPackages", devPackages);
        m.put("restoreChecks", restoreChecks());
        m.put("notRestored", notRestored());
        m.put("recovery", recovery());
        m.put("composerVerdict", composerVerdict);
        m.put("composerOperations", composerOperations());
        m.put("composerProblems", composerProblems());
        m.put("magentoCliBefore", magentoCliBefore);
        m.put("magentoCliAfter", magentoCliAfter);
        m.put("mageMode", mageMode);
        m.put("compileNeeded", compileNeeded);
        m.put("compiled", compiled);
        m.put("credentialFiles", credentialFiles());
        m.put("backupEncrypted", backupEncrypted);
        m.put("decryptCommand", decryptCommand);
        return m;
    }

    public String toJson() {
        return Json.value(toMap());
    }

    @Override
    public String toString() {
        return status + ": " + message;
    }
}
