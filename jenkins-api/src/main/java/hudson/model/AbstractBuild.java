package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import java.io.IOException;

/** Stub of Jenkins 2.479.3 {@code hudson.model.AbstractBuild} (subset). */
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
    protected AbstractBuild(P job) throws IOException {
        super(job);
    }

    @CheckForNull
    public final FilePath getWorkspace() {
        throw new UnsupportedOperationException();
    }
}
