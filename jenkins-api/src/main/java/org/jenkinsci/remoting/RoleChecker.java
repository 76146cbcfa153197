package org.jenkinsci.remoting;

/** Stub of remoting 3261.v9c670a_4748a_9 {@code RoleChecker}: only passed through by plugins. */
public abstract class RoleChecker {
    public RoleChecker() {}
}
