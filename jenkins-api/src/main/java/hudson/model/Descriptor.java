package hudson.model;

import java.lang.reflect.Method;

/**
 * Stub of Jenkins 2.479.3 {@code hudson.model.Descriptor} (subset). The constructors,
 * {@code getDisplayName()} and {@code getId()} copy the real behaviour so that a descriptor can be
 * made in a plain unit test.
 */
public abstract class Descriptor<T extends Describable<T>> {
    public final transient Class<? extends T> clazz;

    protected Descriptor(Class<? extends T> clazz) {
        this.clazz = clazz;
    }

    /** Infers the described class from the enclosing class, like the real constructor. */
    @SuppressWarnings("unchecked")
    protected Descriptor() {
        this.clazz = (Class<T>) getClass().getEnclosingClass();
        if (clazz == null) {
            throw new AssertionError(getClass()
                    + " doesn't have an outer class. Use the constructor that takes the Class object explicitly.");
        }
        try {
            Method getd = clazz.getMethod("getDescriptor");
            if (!getd.getReturnType().isAssignableFrom(getClass())) {
                throw new AssertionError(getClass() + " must be assignable to " + getd.getReturnType());
            }
        } catch (NoSuchMethodException e) {
            throw new AssertionError(getClass() + " is missing getDescriptor method.", e);
        }
    }

    /** Not abstract in 2.479.3: falls back to the simple name of the described class. */
    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    public String getId() {
        return clazz.getName();
    }

    /** Reads the descriptor's saved state (its XML file under JENKINS_HOME). No-op here: tests have no Jenkins home. */
    public void load() {
    }

    /** Writes the descriptor's state. No-op here. */
    public void save() {
    }

    public static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;

        private final String formField;

        public FormException(String message, String formField) {
            super(message);
            this.formField = formField;
        }

        public FormException(String message, Throwable cause, String formField) {
            super(message, cause);
            this.formField = formField;
        }

        public FormException(Throwable cause, String formField) {
            super(cause);
            this.formField = formField;
        }

        public String getFormField() {
            return formField;
        }
    }
}
