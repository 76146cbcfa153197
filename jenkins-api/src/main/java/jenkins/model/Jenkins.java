package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import org.springframework.security.core.Authentication;

/**
 * Stub of Jenkins 2.479.3 {@code jenkins.model.Jenkins} (subset). Outside a running Jenkins,
 * {@link #getInstanceOrNull()} returns {@code null} and {@link #get()} throws
 * {@code IllegalStateException}, which is also what the real class does there. {@code hasPermission}
 * and {@code checkPermission} come from {@code AccessControlled}'s default methods.
 */
public class Jenkins implements AccessControlled {
    /** Not a compile-time constant: the real value ({@code Permission.HUDSON_ADMINISTER}) is read at run time. */
    public static final Permission ADMINISTER = null;

    public static final Permission READ = null;

    private Jenkins() {}

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        Jenkins instance = getInstanceOrNull();
        if (instance == null) {
            throw new IllegalStateException("Jenkins.instance is missing. Read the documentation of "
                    + "Jenkins.getInstanceOrNull to see what you are doing wrong.");
        }
        return instance;
    }

    @CheckForNull
    public static Jenkins getInstanceOrNull() {
        return null;
    }

    @NonNull
    public static Authentication getAuthentication2() {
        throw new UnsupportedOperationException();
    }

    @Override
    @NonNull
    public ACL getACL() {
        throw new UnsupportedOperationException();
    }

    @SuppressWarnings("rawtypes")
    @NonNull
    public Descriptor getDescriptorOrDie(Class<? extends Describable> type) {
        throw new UnsupportedOperationException();
    }

    @SuppressWarnings("rawtypes")
    public <T extends Descriptor> T getDescriptorByType(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
