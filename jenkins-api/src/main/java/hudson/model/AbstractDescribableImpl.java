package hudson.model;

/** Stub of Jenkins 2.479.3 {@code hudson.model.AbstractDescribableImpl}. */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    public AbstractDescribableImpl() {}

    /** Real: {@code Jenkins.get().getDescriptorOrDie(getClass())}; needs a running Jenkins. */
    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
