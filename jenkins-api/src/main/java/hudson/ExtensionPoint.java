package hudson;

/** Stub of Jenkins 2.479.3 {@code hudson.ExtensionPoint} (marker; its nested LegacyInstancesAreScopedToHudson is left out). */
public interface ExtensionPoint {}
