package io.jenkins.plugins.magentodmt;

import hudson.AbortException;
import hudson.model.AbstractDescribableImpl;
import io.jenkins.plugins.magentodmt.core.HostKeyPolicy;
import java.io.Serializable;

/**
 * How the Magento host's SSH key is trusted. It travels to the agent with the work and is turned into the engine's
 * policy there, so that "known_hosts" means the agent's file.
 */
public abstract class HostKeyVerification extends AbstractDescribableImpl<HostKeyVerification> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Runs on the agent. */
    abstract HostKeyPolicy toPolicy() throws AbortException;

    /** For the build log: which rule trusts the key. */
    abstract String describe();
}
