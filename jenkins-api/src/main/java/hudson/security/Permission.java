package hudson.security;

/** Stub of Jenkins 2.479.3 {@code hudson.security.Permission}: a type only; instances come from the real core. */
public final class Permission {
    private Permission() {}
}
