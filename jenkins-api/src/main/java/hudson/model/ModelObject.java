package hudson.model;

/** Stub of Jenkins 2.479.3 {@code hudson.model.ModelObject}. */
public interface ModelObject {
    String getDisplayName();
}
