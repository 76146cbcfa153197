package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * Stub of Jenkins 2.479.3 {@code hudson.model.Item} (subset). The permission fields are
 * {@code Permission} objects, not compile-time constants, so plugin code reads them with
 * {@code getstatic} and gets the real values at run time.
 */
public interface Item extends AccessControlled {
    Permission CREATE = null;
    Permission DELETE = null;
    Permission CONFIGURE = null;
    Permission READ = null;
    Permission DISCOVER = null;
    Permission EXTENDED_READ = null;
    Permission BUILD = null;
    Permission WORKSPACE = null;
    Permission WIPEOUT = null;
    Permission CANCEL = null;

    String getName();

    String getFullName();

    String getDisplayName();

    String getFullDisplayName();

    String getUrl();
}
