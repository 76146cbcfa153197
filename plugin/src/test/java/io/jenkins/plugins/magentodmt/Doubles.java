package io.jenkins.plugins.magentodmt;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.Permission;
import hudson.util.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.access.AccessDeniedException;

/** Minimal stand-ins for the Jenkins objects a run touches. */
final class Doubles {
    private Doubles() {
    }

    /** A build: records its actions. */
    @SuppressWarnings("rawtypes")
    static class TestRun extends Run {
        final List<Action> actions = new ArrayList<>();

        @SuppressWarnings("unchecked")
        TestRun() throws IOException {
            super(null);
        }

        @Override
        public synchronized void addAction(Action a) {
            actions.add(a);
            if (a instanceof jenkins.model.RunAction2 r) {
                r.onAttached(this);
            }
        }

        @Override
        public synchronized List getActions(Class type) {
            return actions.stream().filter(type::isInstance).toList();
        }

        @Override
        public String getFullDisplayName() {
            return "shop » upgrade #7";
        }

        @Override
        public String getUrl() {
            return "job/shop/7/";
        }

        @Override
        public String getExternalizableId() {
            return "shop/upgrade#7";
        }
    }

    static final class TestLauncher extends Launcher {
        TestLauncher(TaskListener listener) {
            super(listener, null);
        }
    }

    /** The artifact manager's part: copies the files out of the workspace and notes what the host looked like then. */
    static final class RecordingServices implements JenkinsServices {
        final Map<String, IdCredentials> credentials = new HashMap<>();
        final Path archiveDir;
        final Supplier<String> hostStateAtArchive;
        final List<String> archivedPaths = new ArrayList<>();
        final List<String> hostStates = new ArrayList<>();
        int runLookups;
        int itemLookups;

        RecordingServices(Path archiveDir, Supplier<String> hostStateAtArchive) {
            this.archiveDir = archiveDir;
            this.hostStateAtArchive = hostStateAtArchive;
        }

        @Override
        public <C extends IdCredentials> C credentialForRun(String id, Class<C> type, Run<?, ?> run) {
            runLookups++;
            IdCredentials c = credentials.get(id);
            return type.isInstance(c) ? type.cast(c) : null;
        }

        @Override
        public <C extends IdCredentials> C credentialForItem(String id, Class<C> type, Item item) {
            itemLookups++;
            IdCredentials c = credentials.get(id);
            return type.isInstance(c) ? type.cast(c) : null;
        }

        final MagentoHostKeys hostKeys = new MagentoHostKeys();

        @Override
        public MagentoHostKeys hostKeys() {
            return hostKeys;
        }

        @Override
        public synchronized boolean artifactExists(Run<?, ?> run, String path) {
            return Files.exists(archiveDir.resolve(path));
        }

        /** Runs first when the build archives: a test can hold the build there. */
        volatile BeforeArchive beforeArchive = () -> { };

        interface BeforeArchive {
            void run() throws InterruptedException;
        }

        @Override
        public void archive(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener, Map<String, String> files)
                throws IOException, InterruptedException {
            beforeArchive.run();
            archiveNow(run, workspace, files);
        }

        private synchronized void archiveNow(Run<?, ?> run, FilePath workspace, Map<String, String> files)
                throws IOException, InterruptedException {
            hostStates.add(hostStateAtArchive.get());
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path target = archiveDir.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                try (InputStream in = workspace.child(e.getValue()).read()) {
                    Files.copy(in, target);
                }
                archivedPaths.add(e.getKey());
            }
        }
    }

    static final class SshKey implements SSHUserPrivateKey {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final String user;
        private final String key;
        private final String passphrase;

        SshKey(String id, String user, String key, String passphrase) {
            this.id = id;
            this.user = user;
            this.key = key;
            this.passphrase = passphrase;
        }

        @Override
        public Secret getPassphrase() {
            return passphrase == null ? null : Secret.fromString(passphrase);
        }

        @Override
        public List<String> getPrivateKeys() {
            return List.of(key);
        }

        @Override
        public String getUsername() {
            return user;
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public String getId() {
            return id;
        }
    }

    static final class UsernamePassword implements StandardUsernamePasswordCredentials {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final String user;
        private final String password;

        UsernamePassword(String id, String user, String password) {
            this.id = id;
            this.user = user;
            this.password = password;
        }

        @Override
        public Secret getPassword() {
            return Secret.fromString(password);
        }

        @Override
        public String getUsername() {
            return user;
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public String getId() {
            return id;
        }
    }

    /** A "Secret text" credential, as plain-credentials' StringCredentialsImpl holds it. */
    static final class SecretString implements org.jenkinsci.plugins.plaincredentials.StringCredentials {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final String secret;

        SecretString(String id, String secret) {
            this.id = id;
            this.secret = secret;
        }

        @Override
        public Secret getSecret() {
            return Secret.fromString(secret);
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public String getId() {
            return id;
        }
    }

    /** A job whose user has every permission, or none (then permission checks throw, as Jenkins' ACL does). */
    static final class TestItem implements Item {
        final boolean permitted;
        int permissionChecks;

        TestItem(boolean permitted) {
            this.permitted = permitted;
        }

        @Override
        public void checkPermission(Permission permission) {
            permissionChecks++;
            if (!permitted) {
                throw new AccessDeniedException("reader lacks the permission");
            }
        }

        @Override
        public boolean hasPermission(Permission permission) {
            permissionChecks++;
            return permitted;
        }

        @Override
        public ACL getACL() {
            throw new UnsupportedOperationException("the double answers permission checks itself");
        }

        @Override
        public String getName() {
            return "upgrade";
        }

        @Override
        public String getFullName() {
            return "shop/upgrade";
        }

        @Override
        public String getDisplayName() {
            return getName();
        }

        @Override
        public String getFullDisplayName() {
            return getFullName();
        }

        @Override
        public String getUrl() {
            return "job/shop/job/upgrade/";
        }
    }

    /** What Pipeline gives a step: the context objects by type. */
    static final class TestContext extends StepContext {
        private static final long serialVersionUID = 1L;
        private final transient Map<Class<?>, Object> values = new HashMap<>();

        TestContext with(Class<?> type, Object value) {
            values.put(type, value);
            return this;
        }

        @Override
        public <T> T get(Class<T> key) {
            return key.cast(values.get(key));
        }

        /** How the step ended when it completes the context itself (after a restart): a value or a Throwable. */
        final java.util.concurrent.CompletableFuture<Object> outcome = new java.util.concurrent.CompletableFuture<>();
        int saves;

        @Override
        public void onSuccess(Object result) {
            outcome.complete(result);
        }

        @Override
        public void onFailure(Throwable t) {
            outcome.complete(t);
        }

        @Override
        public com.google.common.util.concurrent.ListenableFuture<Void> saveState() {
            saves++;
            return com.google.common.util.concurrent.Futures.immediateVoidFuture();
        }
    }
}
