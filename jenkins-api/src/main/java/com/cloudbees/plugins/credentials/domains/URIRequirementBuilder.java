package com.cloudbees.plugins.credentials.domains;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

/** Stub of credentials 1453.v9b_a_29777a_b_fd {@code URIRequirementBuilder} (subset). */
public class URIRequirementBuilder {
    private URIRequirementBuilder() {}

    @NonNull
    public static URIRequirementBuilder create() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static URIRequirementBuilder fromUri(@CheckForNull String uri) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder withScheme(@CheckForNull String scheme) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder withHostname(@CheckForNull String hostname) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder withHostnamePort(@CheckForNull String hostname, int port) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public List<DomainRequirement> build() {
        throw new UnsupportedOperationException();
    }
}
