package io.jenkins.plugins.magentodmt.cli;

/** The command line's exit codes; scripts and CI jobs rely on them. */
final class ExitCodes {
    static final int OK = 0;
    static final int BAD_INPUT = 2;
    static final int PREFLIGHT = 3;
    static final int RESTORED = 4;
    static final int NOT_RESTORED = 5;
    static final int CONNECTION = 6;
    /** UpgradeStatus.INTERRUPTED: the connection dropped during the upgrade for good; the outcome is unknown here. */
    static final int INTERRUPTED = 7;

    private ExitCodes() {
    }
}
