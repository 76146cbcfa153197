package com.cloudbees.plugins.credentials.common;

/** Stub of credentials 1453.v9b_a_29777a_b_fd {@code UsernamePasswordCredentials}. */
public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {}
