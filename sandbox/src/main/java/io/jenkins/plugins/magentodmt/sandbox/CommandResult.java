package io.jenkins.plugins.magentodmt.sandbox;

/**
 * The outcome of a finished local process.
 *
 * @param exitCode the process's exit status
 * @param stdout   everything it printed on standard output (Composer prints JSON there)
 * @param stderr   everything it printed on standard error (Composer prints progress and warnings there)
 */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** stdout and stderr together, for assertion messages. */
    public String output() {
        return stdout + stderr;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
}
