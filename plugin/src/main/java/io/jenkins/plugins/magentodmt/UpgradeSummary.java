package io.jenkins.plugins.magentodmt;

import io.jenkins.plugins.magentodmt.core.UpgradeReport;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run found and did, in plain values: it comes back from the agent, is kept with the build (the action) and
 * becomes the step's return value. No secret is in the engine's report, so none is here.
 */
public final class UpgradeSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String status;
    private final boolean succeeded;
    private final String message;
    private final String host;
    private final String magentoRoot;
    private final String magentoVersion;
    private final String previousVersion;
    private final String newVersion;
    private final String targetVersion;
    private final String backupArtifact;
    private final String backupSha256;
    private final long backupBytes;
    private final String customizationsArtifact;
    private final ArrayList<String> addedFiles;
    private final ArrayList<String> modifiedFiles;
    private final ArrayList<String> removedFiles;
    private final ArrayList<String> warnings;
    private final String restoreInstructions;
    /** Names only: the backup's files that hold credentials. */
    private final ArrayList<String> sensitiveFiles;
    private final boolean backupEncrypted;
    private final String decryptCommand;

    private UpgradeSummary(UpgradeReport r, String backupArtifact, String customizationsArtifact) {
        status = r.status() == null ? "" : r.status().name();
        succeeded = r.status() != null && r.status().succeeded();
        message = r.message();
        host = r.host();
        magentoRoot = r.magentoRoot();
        magentoVersion = r.magentoVersion();
        previousVersion = r.previousVersion();
        newVersion = r.newVersion();
        targetVersion = r.targetVersion();
        this.backupArtifact = backupArtifact;
        backupSha256 = r.backupSha256();
        backupBytes = r.backupBytes();
        this.customizationsArtifact = customizationsArtifact;
        addedFiles = new ArrayList<>(r.addedFiles());
        modifiedFiles = new ArrayList<>(r.modifiedFiles());
        removedFiles = new ArrayList<>(r.removedFiles());
        warnings = new ArrayList<>(r.warnings());
        restoreInstructions = r.restoreInstructions();
        sensitiveFiles = new ArrayList<>(r.credentialFiles());
        backupEncrypted = r.backupEncrypted();
        decryptCommand = r.decryptCommand();
    }

    /**
     * Runs on the agent. Artifact paths are the workspace-relative paths of the local files, which are also their
     * paths among the build's artifacts.
     */
    static UpgradeSummary of(UpgradeReport r, Path workspace) {
        return new UpgradeSummary(r, relative(workspace, r.backupFile()), relative(workspace, r.customizationsFile()));
    }

    private static String relative(Path workspace, String file) {
        if (file == null || file.isEmpty()) {
            return "";
        }
        return workspace.toAbsolutePath().relativize(Path.of(file).toAbsolutePath()).toString().replace('\\', '/');
    }

    /** The Pipeline step's return value: a map of strings, numbers and lists only, safe for CPS to keep. */
    Map<String, Object> toStepResult() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("message", message);
        m.put("host", host);
        m.put("magentoRoot", magentoRoot);
        m.put("magentoVersion", magentoVersion);
        m.put("previousVersion", previousVersion);
        m.put("newVersion", newVersion);
        m.put("targetVersion", targetVersion);
        m.put("backupArtifact", backupArtifact);
        m.put("backupSha256", backupSha256);
        m.put("customizationsArtifact", customizationsArtifact);
        m.put("customizedFiles", getCustomizedFiles());
        m.put("addedFiles", new ArrayList<>(addedFiles));
        m.put("modifiedFiles", new ArrayList<>(modifiedFiles));
        m.put("removedFiles", new ArrayList<>(removedFiles));
        m.put("warnings", new ArrayList<>(warnings));
        m.put("credentialFiles", new ArrayList<>(sensitiveFiles));
        m.put("backupEncrypted", backupEncrypted);
        m.put("decryptCommand", decryptCommand);
        return m;
    }

    public String getStatus() {
        return status;
    }

    public boolean isSucceeded() {
        return succeeded;
    }

    public String getMessage() {
        return message;
    }

    public String getHost() {
        return host;
    }

    public String getMagentoRoot() {
        return magentoRoot;
    }

    public String getMagentoVersion() {
        return magentoVersion;
    }

    public String getPreviousVersion() {
        return previousVersion;
    }

    public String getNewVersion() {
        return newVersion;
    }

    public String getTargetVersion() {
        return targetVersion;
    }

    public String getBackupArtifact() {
        return backupArtifact;
    }

    public String getBackupSha256() {
        return backupSha256;
    }

    public long getBackupBytes() {
        return backupBytes;
    }

    public String getCustomizationsArtifact() {
        return customizationsArtifact;
    }

    /** The team's changes to the tool: files added, modified and removed (the tool's own paths). */
    public List<String> getCustomizedFiles() {
        List<String> all = new ArrayList<>(addedFiles);
        all.addAll(modifiedFiles);
        all.addAll(removedFiles);
        return all;
    }

    public List<String> getAddedFiles() {
        return new ArrayList<>(addedFiles);
    }

    public List<String> getModifiedFiles() {
        return new ArrayList<>(modifiedFiles);
    }

    public List<String> getRemovedFiles() {
        return new ArrayList<>(removedFiles);
    }

    public List<String> getWarnings() {
        return new ArrayList<>(warnings);
    }

    /** The backup's files that hold credentials, with their kinds ("… (database password)"); never a value. */
    public List<String> getCredentialFiles() {
        return new ArrayList<>(sensitiveFiles);
    }

    public boolean isBackupEncrypted() {
        return backupEncrypted;
    }

    /** The OpenSSL command that opens the encrypted artifact (it asks for the passphrase); empty when not encrypted. */
    public String getDecryptCommand() {
        return decryptCommand;
    }

    public String getRestoreInstructions() {
        return restoreInstructions;
    }

    @Override
    public String toString() {
        return status + ": " + message;
    }
}
