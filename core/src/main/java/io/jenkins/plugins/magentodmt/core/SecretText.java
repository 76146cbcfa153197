package io.jenkins.plugins.magentodmt.core;

/**
 * A secret held only as long as a run needs it. {@link #toString()} never shows it, so a secret that slips into a
 * log line or an exception message shows as a mask.
 */
public final class SecretText {
    private final String value;

    private SecretText(String value) {
        this.value = value;
    }

    public static SecretText of(String value) {
        return value == null || value.isEmpty() ? null : new SecretText(value);
    }

    /** The plain value, for the moment of use only. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
