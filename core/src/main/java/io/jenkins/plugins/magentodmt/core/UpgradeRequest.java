package io.jenkins.plugins.magentodmt.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What to do on the host. Build it with {@link #builder(String)}; {@link Builder#build()} validates every value that
 * reaches a shell, so a bad value stops here with BAD_INPUT and nothing runs.
 */
public record UpgradeRequest(String magentoRoot, Optional<DmtVersion> version, Optional<String> owner, String composerCommand,
                             SecretText composerAuth, Path backupDir, boolean fullBackup, boolean keepCustomFiles,
                             boolean dryRun, boolean allowRoot, boolean breakLock, Duration timeout, String holder,
                             boolean compileAfterUpgrade, SecretText backupPassphrase) {

    public static Builder builder(String magentoRoot) {
        return new Builder(magentoRoot);
    }

    /** Where the engine keeps its lock, journal and backup on the host (inside the root, owned by the owner). */
    public String stateDir() {
        return magentoRoot + "/var/dmt-upgrade";
    }

    @Override
    public String toString() {
        return "UpgradeRequest[" + magentoRoot + ", version=" + version.map(DmtVersion::toString).orElse("matching") + "]";
    }

    public static final class Builder {
        private final String magentoRoot;
        private String version;
        private String owner;
        private String composerCommand;
        private SecretText composerAuth;
        private Path backupDir = Path.of(".");
        private boolean fullBackup;
        private boolean keepCustomFiles;
        private boolean dryRun;
        private boolean allowRoot;
        private boolean breakLock;
        private boolean compileAfterUpgrade;
        private SecretText backupPassphrase;
        private Duration timeout = Duration.ofMinutes(30);
        private String holder = System.getProperty("user.name", "someone") + " (magento-dmt-upgrade)";

        private Builder(String magentoRoot) {
            this.magentoRoot = magentoRoot;
        }

        public Builder version(String v) {
            this.version = v == null || v.isBlank() ? null : v.trim();
            return this;
        }

        public Builder owner(String o) {
            this.owner = o == null || o.isBlank() ? null : o.trim();
            return this;
        }

        public Builder composerCommand(String c) {
            this.composerCommand = c;
            return this;
        }

        public Builder composerAuth(SecretText auth) {
            this.composerAuth = auth;
            return this;
        }

        public Builder backupDir(Path dir) {
            this.backupDir = dir;
            return this;
        }

        public Builder fullBackup(boolean b) {
            this.fullBackup = b;
            return this;
        }

        public Builder keepCustomFiles(boolean b) {
            this.keepCustomFiles = b;
            return this;
        }

        public Builder dryRun(boolean b) {
            this.dryRun = b;
            return this;
        }

        public Builder allowRoot(boolean b) {
            this.allowRoot = b;
            return this;
        }

        public Builder breakLock(boolean b) {
            this.breakLock = b;
            return this;
        }

        /** Runs {@code bin/magento setup:di:compile} as the owner after the check, inside the transaction. */
        public Builder compileAfterUpgrade(boolean b) {
            this.compileAfterUpgrade = b;
            return this;
        }

        /**
         * Encrypts the backup on the host before it leaves the state directory, in OpenSSL's format
         * ({@link BackupEncryption}); null keeps it a plain tar.gz.
         */
        public Builder backupPassphrase(SecretText passphrase) {
            this.backupPassphrase = passphrase;
            return this;
        }

        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        /** Who holds the lock, as another run will be told ("jenkins job/main #42"). */
        public Builder holder(String h) {
            this.holder = h;
            return this;
        }

        public UpgradeRequest build() throws DmtException {
            if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofHours(24)) > 0) {
                throw DmtException.badInput("The timeout must be between 1 second and 24 hours.");
            }
            if (backupDir == null) {
                throw DmtException.badInput("A backup directory is required.");
            }
            if (backupPassphrase != null) {
                BackupEncryption.requireUsable(backupPassphrase);
            }
            return new UpgradeRequest(Shell.magentoRoot(magentoRoot),
                    version == null ? Optional.empty() : Optional.of(Shell.dmtVersion(version)),
                    owner == null ? Optional.empty() : Optional.of(Shell.user(owner, "The file system owner")),
                    Shell.composerCommand(composerCommand), composerAuth, backupDir, fullBackup, keepCustomFiles, dryRun,
                    allowRoot, breakLock, timeout, Shell.label(holder), compileAfterUpgrade,
                    backupPassphrase);
        }
    }
}
