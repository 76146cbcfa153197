package jenkins.security;

import hudson.remoting.Callable;
import org.jenkinsci.remoting.RoleChecker;

/**
 * Stub of Jenkins 2.479.3 {@code MasterToSlaveCallable}: in 2.479.3 it implements
 * {@code hudson.remoting.Callable} directly and overrides {@code checkRoles} (2.485+ moved that into
 * {@code jenkins.agents.ControllerToAgentCallable}). Subclasses only implement {@code call()}.
 */
public abstract class MasterToSlaveCallable<V, T extends Throwable> implements Callable<V, T> {
    private static final long serialVersionUID = 1L;

    public MasterToSlaveCallable() {}

    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        throw new UnsupportedOperationException();
    }
}
