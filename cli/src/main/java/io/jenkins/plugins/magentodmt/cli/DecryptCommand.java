package io.jenkins.plugins.magentodmt.cli;

import io.jenkins.plugins.magentodmt.core.BackupEncryption;
import io.jenkins.plugins.magentodmt.core.DmtException;
import io.jenkins.plugins.magentodmt.core.SecretText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Opens a backup that {@code upgrade --encrypt-backup-env} wrote; {@code openssl enc -d …} opens it as well. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = "Decrypts a backup written with --encrypt-backup-env into a new file (readable by you only), without a host.")
final class DecryptCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted backup (dmt-backup-….tar.gz.enc).")
    Path file;

    @Option(names = "--passphrase-env", paramLabel = "VAR", required = true,
            description = "Environment variable holding the passphrase the backup was encrypted with.")
    String passphraseEnv;

    @Option(names = "--output", paramLabel = "FILE", description = "Where the tar.gz goes (default: FILE without .enc); never overwritten.")
    Path output;

    private final PrintStream err = System.err;

    @Override
    public Integer call() {
        try {
            SecretText passphrase = ConnectionOptions.secretFromEnv(passphraseEnv, "backup passphrase");
            Path target = output != null ? output : file.resolveSibling(BackupEncryption.plainName(file.getFileName().toString()));
            BackupEncryption.decrypt(file, target, passphrase);
            err.println("Decrypted " + file + " -> " + target + " (" + Files.size(target) + " bytes). It holds what the backup holds, "
                    + "credentials included: keep it where only you can read it.");
            return ExitCodes.OK;
        } catch (DmtException e) {
            err.println("ERROR: " + e.getMessage());
            return e.kind().exitCode();
        } catch (IOException e) {
            err.println("ERROR: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }
}
