package hudson;

import java.io.IOException;

/** Stub of Jenkins 2.479.3 {@code hudson.AbortException} (real behaviour). */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {}

    public AbortException(String message) {
        super(message);
    }
}
