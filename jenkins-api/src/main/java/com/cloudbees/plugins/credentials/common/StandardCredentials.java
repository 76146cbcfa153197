package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Stub of credentials 1453.v9b_a_29777a_b_fd {@code StandardCredentials}. */
public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}
