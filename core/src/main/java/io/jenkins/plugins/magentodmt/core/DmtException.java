package io.jenkins.plugins.magentodmt.core;

/** A failure before anything changed on the host: its {@link Kind} says why, the message says what to do. */
public class DmtException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the engine stopped; each kind has the command line's exit code. */
    public enum Kind {
        BAD_INPUT(2),
        PREFLIGHT(3),
        CONNECTION(6);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;
    /** What the run had found when it stopped (a refusal by Composer, say); never sent anywhere with the exception. */
    private transient UpgradeReport report;

    public DmtException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DmtException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The report of the run this refusal stopped, when there is one (it holds no secret). */
    public java.util.Optional<UpgradeReport> report() {
        return java.util.Optional.ofNullable(report);
    }

    DmtException withReport(UpgradeReport r) {
        this.report = r;
        return this;
    }

    public static DmtException badInput(String message) {
        return new DmtException(Kind.BAD_INPUT, message);
    }

    public static DmtException preflight(String message) {
        return new DmtException(Kind.PREFLIGHT, message);
    }
}
