package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

/** Stub of credentials 1453.v9b_a_29777a_b_fd {@code PasswordCredentials}. */
public interface PasswordCredentials extends Credentials {
    @NonNull
    Secret getPassword();
}
