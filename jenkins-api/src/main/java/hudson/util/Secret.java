package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import java.io.Serializable;

/**
 * Stub of Jenkins 2.479.3 {@code hudson.util.Secret}: final and {@code Serializable}, holding the plain
 * value (the real class serializes its plain {@code value} too). {@code fromString},
 * {@code getPlainText}, {@code toString(Secret)}, {@code equals} and {@code hashCode} copy the real
 * behaviour, except that {@code fromString} never tries to decrypt (there is no Jenkins key here).
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    @NonNull
    private final String value;

    private Secret(@NonNull String value) {
        this.value = value;
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        return new Secret(Util.fixNull(data));
    }

    @NonNull
    public String getPlainText() {
        return value;
    }

    /** Real: needs the Jenkins confidential key. */
    public String getEncryptedValue() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static String toString(@CheckForNull Secret s) {
        return s == null ? "" : s.value;
    }

    /** @deprecated as in the real class (which also logs a warning): use {@link #getPlainText()}. */
    @Override
    @Deprecated
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object that) {
        return that instanceof Secret && value.equals(((Secret) that).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
