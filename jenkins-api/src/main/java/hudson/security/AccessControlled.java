package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Stub of Jenkins 2.479.3 {@code hudson.security.AccessControlled} (subset). The defaults delegate to
 * {@link #getACL()}, as the real ones do; the real {@code checkPermission} throws Spring Security's
 * {@code AccessDeniedException} (a {@code RuntimeException}).
 */
public interface AccessControlled {
    @NonNull
    ACL getACL();

    default void checkPermission(@NonNull Permission permission) {
        getACL().checkPermission(permission);
    }

    default boolean hasPermission(@NonNull Permission permission) {
        return getACL().hasPermission(permission);
    }
}
