package io.jenkins.plugins.magentodmt.core;

/** The steps of an upgrade, in order, as progress shows them ("[3/8] Backing up … 0.4 s"). */
public enum Phase {
    CONNECT("Connecting"),
    PREFLIGHT("Checking the host"),
    RESOLVE("Choosing the version"),
    BACKUP("Locking and backing up"),
    DOWNLOAD("Downloading the backup"),
    UPGRADE("Running composer require"),
    VERIFY("Verifying"),
    FINISH("Finishing");

    private final String title;

    Phase(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public int number() {
        return ordinal() + 1;
    }

    public static int count() {
        return values().length;
    }
}
