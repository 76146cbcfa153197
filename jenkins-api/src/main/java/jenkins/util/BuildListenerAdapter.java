package jenkins.util;

import hudson.model.BuildListener;
import hudson.model.TaskListener;
import java.io.PrintStream;
import java.io.PrintWriter;

/** Stub of Jenkins 2.479.3 {@code jenkins.util.BuildListenerAdapter} (real behaviour: delegates). */
public final class BuildListenerAdapter implements BuildListener {
    private static final long serialVersionUID = 1L;

    private final TaskListener delegate;

    public BuildListenerAdapter(TaskListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public PrintStream getLogger() {
        return delegate.getLogger();
    }

    @Override
    public PrintWriter error(String msg) {
        return delegate.error(msg);
    }

    @Override
    public PrintWriter error(String format, Object... args) {
        return delegate.error(format, args);
    }

    @Override
    public PrintWriter fatalError(String msg) {
        return delegate.fatalError(msg);
    }

    @Override
    public PrintWriter fatalError(String format, Object... args) {
        return delegate.fatalError(format, args);
    }

    public static BuildListener wrap(TaskListener l) {
        if (l instanceof BuildListener) {
            return (BuildListener) l;
        }
        return new BuildListenerAdapter(l);
    }
}
