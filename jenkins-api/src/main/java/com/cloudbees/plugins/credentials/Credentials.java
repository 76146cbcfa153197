package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import java.io.Serializable;

/**
 * Stub of credentials 1453.v9b_a_29777a_b_fd {@code Credentials} (subset). The real interface also
 * extends {@code Describable<Credentials>} and declares {@code getScope()} / {@code getDescriptor()};
 * a plugin only consumes credentials, so those are left out (test doubles need not implement them).
 */
public interface Credentials extends Serializable, ExtensionPoint {}
