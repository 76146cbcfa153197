package io.jenkins.plugins.magentodmt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar magento-dmt-upgrade.jar check|upgrade|demo …}; see the README for the exit codes. */
@Command(name = "magento-dmt-upgrade", mixinStandardHelpOptions = true, version = "magento-dmt-upgrade 0.1.0",
        description = "Upgrades magento/data-migration-tool on a Magento host, safely: version match, backup, owner, restore.",
        subcommands = {CheckCommand.class, UpgradeCommand.class, DecryptCommand.class, DemoCommand.class},
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT, exitCodeOnExecutionException = ExitCodes.BAD_INPUT)
public final class Main implements Runnable {

    public static void main(String[] args) {
        Runtime.getRuntime().exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this; {@link #main} exits with it). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Name a command: check, upgrade, decrypt or demo.");
    }
}
