package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.BuildListener;
import hudson.model.Run;
import java.io.IOException;
import java.util.Map;
import jenkins.util.VirtualFile;

/**
 * Stub of Jenkins 2.479.3 {@code jenkins.model.ArtifactManager} (subset).
 * Note that {@code archive} takes a {@code BuildListener}: adapt a {@code TaskListener} with
 * {@code jenkins.util.BuildListenerAdapter.wrap}.
 */
public abstract class ArtifactManager {
    public ArtifactManager() {}

    public abstract void onLoad(@NonNull Run<?, ?> build);

    /**
     * @param artifacts map from the path in the archive area to the path relative to {@code workspace},
     *     both {@code /}-separated
     */
    public abstract void archive(FilePath workspace, Launcher launcher, BuildListener listener, Map<String, String> artifacts)
            throws IOException, InterruptedException;

    public abstract boolean delete() throws IOException, InterruptedException;

    /** The build's artifact area, where each archived path is a child. */
    public abstract VirtualFile root();
}
