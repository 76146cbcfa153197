package io.jenkins.plugins.magentodmt.cli;

import io.jenkins.plugins.magentodmt.core.ComposerAuth;
import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.DmtUpgrader;
import io.jenkins.plugins.magentodmt.core.UpgradeReport;
import io.jenkins.plugins.magentodmt.core.UpgradeRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Backs up vendor/magento/data-migration-tool and runs composer require for the release that matches Magento.")
final class UpgradeCommand extends EngineCommand {
    @Option(names = "--version", paramLabel = "V", description = "The release to install (default: the newest that matches Magento).")
    String version;

    @Option(names = "--owner", paramLabel = "USER", description = "The Magento file system owner (default: the owner of the root).")
    String owner;

    @Option(names = "--composer", paramLabel = "CMD", defaultValue = "composer", description = "Composer command on the host (default: ${DEFAULT-VALUE}).")
    String composer;

    @Option(names = "--composer-auth-env", paramLabel = "VAR",
            description = "Environment variable holding COMPOSER_AUTH JSON (repo.magento.com public/private keys).")
    String composerAuthEnv;

    @Option(names = "--encrypt-backup-env", paramLabel = "VAR",
            description = "Environment variable holding a passphrase (12 characters or more): the backup is encrypted on the host "
                    + "before it leaves it (OpenSSL's format: openssl enc -d -aes-256-cbc -pbkdf2 -iter 600000 -md sha256 opens it; so does decrypt).")
    String encryptBackupEnv;

    @Option(names = "--backup-dir", paramLabel = "DIR", defaultValue = ".", description = "Where the backup is written here (default: the current directory).")
    Path backupDir;

    @Option(names = "--full-backup", description = "Also run bin/magento setup:backup --code --db on the host first.")
    boolean fullBackup;

    @Option(names = "--keep-custom-files", description = "Put back the files you added to the tool's directory after the upgrade.")
    boolean keepCustomFiles;

    @Option(names = "--compile", description = "After the upgrade, run bin/magento setup:di:compile on the host as the owner "
            + "(a failure restores the backup).")
    boolean compile;

    @Option(names = "--dry-run", description = "Check and plan only; change nothing.")
    boolean dryRun;

    @Option(names = "--allow-root", description = "Allow Composer to run as root (when the root belongs to root).")
    boolean allowRoot;

    @Option(names = "--break-lock", description = "Break a lock left by a run that is no longer running.")
    boolean breakLock;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", description = "Limit for the upgrade (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    UpgradeRequest request() throws DmtException {
        return UpgradeRequest.builder(magentoRoot).version(version).owner(owner).composerCommand(composer)
                .composerAuth(composerAuthEnv == null ? null
                        : ComposerAuth.fromJson(ConnectionOptions.secretFromEnv(composerAuthEnv, "Composer credentials").reveal()))
                .backupPassphrase(ConnectionOptions.secretFromEnv(encryptBackupEnv, "backup passphrase"))
                .backupDir(backupDir).fullBackup(fullBackup).keepCustomFiles(keepCustomFiles).compileAfterUpgrade(compile).dryRun(dryRun)
                .allowRoot(allowRoot).breakLock(breakLock).timeout(Durations.parse(timeout, "--timeout"))
                .holder(System.getProperty("user.name", "someone") + "@" + localName() + " (magento-dmt-upgrade cli)")
                .build();
    }

    @Override
    UpgradeReport run(DmtUpgrader upgrader, UpgradeRequest request) throws DmtException, IOException, InterruptedException {
        return upgrader.upgrade(request);
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
