package com.cloudbees.plugins.credentials.common;

/** Stub of credentials 1453.v9b_a_29777a_b_fd {@code StandardUsernameCredentials}. */
public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {}
