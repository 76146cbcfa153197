package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Stub of Jenkins 2.479.3 {@code hudson.model.Action}. */
public interface Action extends ModelObject {
    @CheckForNull
    String getIconFileName();

    @Override
    @CheckForNull
    String getDisplayName();

    @CheckForNull
    String getUrlName();
}
