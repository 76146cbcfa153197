package io.jenkins.plugins.magentodmt;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;

/**
 * The few calls into a running Jenkins that the shared code makes: credentials lookup and archiving. They sit behind
 * this interface so that the whole run can be tested without a Jenkins; production code always uses {@link #JENKINS}.
 */
interface JenkinsServices {

    /** Finds a credential for a build and records its use ({@code findCredentialById} does not track by itself). */
    @CheckForNull
    <C extends IdCredentials> C credentialForRun(String id, Class<C> type, Run<?, ?> run);

    /** Finds a credential visible to a job being configured (the Test connection button). */
    @CheckForNull
    <C extends IdCredentials> C credentialForItem(String id, Class<C> type, @CheckForNull Item item);

    void archive(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener, Map<String, String> files)
            throws IOException, InterruptedException;

    /** The host keys kept on the controller (Manage Jenkins → System). */
    MagentoHostKeys hostKeys();

    /** Whether the build has an artifact at that path already (another branch's, another step's). */
    boolean artifactExists(Run<?, ?> run, String path) throws IOException, InterruptedException;

    JenkinsServices JENKINS = new JenkinsServices() {
        @Override
        public <C extends IdCredentials> C credentialForRun(String id, Class<C> type, Run<?, ?> run) {
            return CredentialsProvider.track(run, CredentialsProvider.findCredentialById(id, type, run));
        }

        @Override
        public <C extends IdCredentials> C credentialForItem(String id, Class<C> type, Item item) {
            List<C> visible = CredentialsProvider.lookupCredentialsInItem(type, item,
                    item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2, List.of());
            return CredentialsMatchers.firstOrNull(visible, CredentialsMatchers.withId(id));
        }

        @Override
        public void archive(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener, Map<String, String> files)
                throws IOException, InterruptedException {
            run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), files);
        }

        @Override
        public MagentoHostKeys hostKeys() {
            return MagentoHostKeys.get();
        }

        @Override
        public boolean artifactExists(Run<?, ?> run, String path) throws IOException, InterruptedException {
            return run.getArtifactManager().root().child(path).exists();
        }
    };
}
