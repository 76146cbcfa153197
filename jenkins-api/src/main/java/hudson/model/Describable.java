package hudson.model;

/** Stub of Jenkins 2.479.3 {@code hudson.model.Describable} ({@code getDescriptor} is abstract in 2.479.3). */
public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
