package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.ExtensionPoint;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import java.io.File;
import java.io.IOException;
import jenkins.model.ArtifactManager;

/** Stub of Jenkins 2.479.3 {@code hudson.model.Run} (subset). */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, AccessControlled {

    /** Stub body does nothing (the real one needs a running Jenkins), so plugin tests can subclass Run. */
    protected Run(@NonNull JobT job) throws IOException {
    }

    /** Real: adds the action and calls {@code RunAction2.onAttached(this)}. */
    @Override
    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public JobT getParent() {
        throw new UnsupportedOperationException();
    }

    public int getNumber() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getId() {
        throw new UnsupportedOperationException();
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getUrl() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getExternalizableId() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public File getRootDir() {
        throw new UnsupportedOperationException();
    }

    /** For reading artifacts that already exist. */
    @NonNull
    public final ArtifactManager getArtifactManager() {
        throw new UnsupportedOperationException();
    }

    /** Use this one when adding artifacts. */
    @NonNull
    public final synchronized ArtifactManager pickArtifactManager() throws IOException {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public EnvVars getEnvironment(@NonNull TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException();
    }
}
