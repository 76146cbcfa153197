package com.cloudbees.jenkins.plugins.sshcredentials;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;
import java.util.List;

/**
 * Stub of ssh-credentials 361.vb_f6760818e8c {@code SSHUserPrivateKey}. The real direct super-interface
 * is the deprecated {@code SSHUser}, which extends {@code StandardUsernameCredentials}.
 */
public interface SSHUserPrivateKey extends StandardUsernameCredentials {
    @CheckForNull
    Secret getPassphrase();

    @NonNull
    List<String> getPrivateKeys();
}
