package io.jenkins.plugins.magentodmt.sandbox;

import org.apache.commons.io.file.PathUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A disposable "Magento host": a Composer repository, a Magento project installed from it, and an SSH server
 * whose commands run on this machine. The demo and the integration tests connect to it like to a real host.
 */
public final class SandboxHost implements AutoCloseable {

    /** The demo scenario: Magento 2.4.6-p3 with an old, mismatched DMT 2.4.5 ... */
    public static final String DEFAULT_MAGENTO_VERSION = "2.4.6-p3";
    public static final String DEFAULT_DMT_VERSION = "2.4.5";
    /** ... whose newest matching DMT release is 2.4.6.1. */
    public static final String DEFAULT_EXPECTED_DMT_VERSION = "2.4.6.1";

    /** Everything optional about a sandbox host. */
    public static final class Options {
        private final ComposerRepositoryServer.Options repository = ComposerRepositoryServer.Options.defaults();
        private final EmbeddedSshServer.Options ssh = EmbeddedSshServer.Options.defaults();
        private boolean keepWorkDir;
        private boolean composerCredentialsOnHost;
        private MagentoProject.DevPackages devPackages = MagentoProject.DevPackages.NONE;

        public static Options defaults() {
            return new Options();
        }

        /** Repository options (broken or extra DMT releases). */
        public ComposerRepositoryServer.Options repository() {
            return repository;
        }

        /** SSH server options (user, password, passphrase, extra environment). */
        public EmbeddedSshServer.Options ssh() {
            return ssh;
        }

        public Options brokenDmtVersion(String version) {
            repository.brokenDmtVersion(version);
            return this;
        }

        public Options extraDmtVersion(String version, String symfonyConsoleConstraint) {
            repository.extraDmtVersion(version, symfonyConsoleConstraint);
            return this;
        }

        /** See {@link ComposerRepositoryServer.Options#dmtWithNewDependency}. */
        public Options dmtWithNewDependency(String version) {
            repository.dmtWithNewDependency(version);
            return this;
        }

        /** See {@link ComposerRepositoryServer.Options#dmtBreakingMagentoCli}. */
        public Options dmtBreakingMagentoCli(String version) {
            repository.dmtBreakingMagentoCli(version);
            return this;
        }

        /** See {@link ComposerRepositoryServer.Options#dmtBreakingDiCompile}. */
        public Options dmtBreakingDiCompile(String version) {
            repository.dmtBreakingDiCompile(version);
            return this;
        }

        /** A root with a require-dev package, installed with it or with {@code --no-dev}. */
        public Options devPackages(MagentoProject.DevPackages dev) {
            this.devPackages = dev;
            return this;
        }

        /** Leaves the work directory on disk after {@link #close()}, for a look at what happened. */
        public Options keepWorkDir(boolean keep) {
            this.keepWorkDir = keep;
            return this;
        }

        /**
         * Writes the repository credentials into the remote COMPOSER_HOME/auth.json, as an admin of a real host
         * might. Off by default: then a remote {@code composer} gets 401s unless the caller passes COMPOSER_AUTH.
         */
        public Options composerCredentialsOnHost(boolean onHost) {
            this.composerCredentialsOnHost = onHost;
            return this;
        }
    }

    private final Path workDir;
    private final boolean keepWorkDir;
    private ComposerRepositoryServer repository;
    private MagentoProject project;
    private EmbeddedSshServer ssh;

    private SandboxHost(Path workDir, boolean keepWorkDir) {
        this.workDir = workDir;
        this.keepWorkDir = keepWorkDir;
    }

    /** The demo scenario: Magento 2.4.6-p3 with DMT 2.4.5, default options. */
    public static SandboxHost startDemo(Path workDir) throws IOException {
        return start(workDir, DEFAULT_MAGENTO_VERSION, DEFAULT_DMT_VERSION, Options.defaults());
    }

    /**
     * Starts the repository, creates the project under {@code workDir/magento} with real Composer, then starts the
     * SSH server. Remote commands start in {@code workDir/home} with COMPOSER_HOME set to the project's
     * Composer home (its cache makes remote installs fast and keeps the real user's home untouched).
     */
    public static SandboxHost start(Path workDir, String magentoVersion, String dmtVersionOrNull, Options options)
            throws IOException {
        Path dir = Files.createDirectories(workDir).toAbsolutePath();
        SandboxHost host = new SandboxHost(dir, options.keepWorkDir);
        try {
            host.repository = ComposerRepositoryServer.start(dir.resolve("repository"), options.repository);
            host.project = MagentoProject.create(dir.resolve("magento"), host.repository, magentoVersion,
                    dmtVersionOrNull, options.devPackages);
            Path home = Files.createDirectories(dir.resolve("home"));
            options.ssh.workingDirectory(home)
                    .environment("HOME", home.toString())
                    .environment("COMPOSER_HOME", host.project.composerHome().toString());
            if (MagentoProject.isRoot()) {
                options.ssh.environment("COMPOSER_ALLOW_SUPERUSER", "1");
            }
            if (options.composerCredentialsOnHost) {
                Files.writeString(host.project.composerHome().resolve("auth.json"),
                        host.repository.composerAuthJson(), StandardCharsets.UTF_8);
            }
            host.ssh = EmbeddedSshServer.start(dir.resolve("sshd"), options.ssh);
            return host;
        } catch (IOException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    public ComposerRepositoryServer repository() {
        return repository;
    }

    public MagentoProject project() {
        return project;
    }

    public EmbeddedSshServer ssh() {
        return ssh;
    }

    public Path workDir() {
        return workDir;
    }

    /** The Magento root as a path on the "remote" host (the same machine). */
    public String magentoRoot() {
        return project.root().toString();
    }

    public String host() {
        return ssh.host();
    }

    public int port() {
        return ssh.port();
    }

    public String user() {
        return ssh.user();
    }

    /** The unencrypted ed25519 client key that the SSH server accepts. */
    public Path identityFile() {
        return ssh.identityFile();
    }

    public String password() {
        return ssh.password();
    }

    public String hostKeyFingerprint() throws IOException {
        return ssh.hostKeyFingerprint();
    }

    public void writeKnownHosts(Path file) throws IOException {
        ssh.writeKnownHosts(file);
    }

    /** The repository credentials as COMPOSER_AUTH content (http-basic keyed by 127.0.0.1:PORT). */
    public String composerAuthJson() {
        return repository.composerAuthJson();
    }

    /** Connection facts for printing (the demo) or logging; holds no secret except file paths. */
    public Map<String, String> describe() throws IOException {
        return Map.of(
                "ssh", user() + "@" + host() + ":" + port(),
                "identityFile", identityFile().toString(),
                "hostKeyFingerprint", hostKeyFingerprint(),
                "magentoRoot", magentoRoot(),
                "repository", repository.url(),
                "magentoVersion", String.valueOf(project.magentoVersion()),
                "dmtVersion", String.valueOf(project.installedDmtVersion()));
    }

    /** A detached host-side process may still be removing its own files: a file that vanished is no error. */
    private static void deleteSettling(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                PathUtils.deleteDirectory(dir);
                return;
            } catch (NoSuchFileException | DirectoryNotEmptyException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Stops the SSH server and the repository, then deletes the work directory unless asked to keep it. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        if (ssh != null) {
            try {
                ssh.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (repository != null) {
            repository.close();
        }
        if (!keepWorkDir && Files.exists(workDir)) {
            deleteSettling(workDir);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
