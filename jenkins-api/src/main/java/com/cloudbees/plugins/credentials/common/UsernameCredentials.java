package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Stub of credentials 1453.v9b_a_29777a_b_fd {@code UsernameCredentials} (subset). */
public interface UsernameCredentials extends Credentials {
    @NonNull
    String getUsername();
}
