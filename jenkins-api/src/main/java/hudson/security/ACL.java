package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.Authentication;

/** Stub of Jenkins 2.479.3 {@code hudson.security.ACL} (subset). */
public abstract class ACL {
    /** The identity of Jenkins itself. Not a compile-time constant: the real value is read at run time. */
    public static final Authentication SYSTEM2 = null;

    public ACL() {}

    public final void checkPermission(@NonNull Permission p) {
        throw new UnsupportedOperationException();
    }

    public final boolean hasPermission(@NonNull Permission p) {
        throw new UnsupportedOperationException();
    }

    public boolean hasPermission2(@NonNull Authentication a, @NonNull Permission permission) {
        throw new UnsupportedOperationException();
    }
}
