package org.jenkinsci.remoting;

/** Stub of remoting 3261.v9c670a_4748a_9 {@code RoleSensitive}. */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
