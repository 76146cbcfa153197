package hudson;

import java.util.AbstractList;

/** Stub of Jenkins 2.479.3 {@code hudson.ExtensionList} (subset: the singleton lookup). */
public class ExtensionList<T> extends AbstractList<T> {
    protected ExtensionList(jenkins.model.Jenkins jenkins, Class<T> extensionType) {
    }

    /** The one registered instance of an {@code @Extension} type; fails when there is none or more than one. */
    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("needs a running Jenkins");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException();
    }
}
