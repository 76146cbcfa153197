package org.jenkinsci.plugins.workflow.steps;

import java.io.IOException;
import java.io.Serializable;

/**
 * Stub of workflow-step-api 710.v3e456cc85233 {@code StepContext} (subset). The real class also
 * implements Guava's {@code FutureCallback<Object>} (hence {@code onFailure(Throwable)}); Guava is
 * not a dependency of these declarations, so that interface is left out.
 */
public abstract class StepContext implements com.google.common.util.concurrent.FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    public StepContext() {}

    /**
     * Contextual objects: {@code Run}, {@code TaskListener}, {@code FilePath} (workspace),
     * {@code Launcher}, {@code EnvVars}, {@code Computer}, ...
     */
    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);

    /** Asks Pipeline to write the step execution's state to disk now, as a restart would find it. */
    public abstract com.google.common.util.concurrent.ListenableFuture<Void> saveState();
}
