package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import hudson.FilePath;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.magentodmt.sandbox.MagentoProject;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A sandbox Magento host plus one "build" against it: workspace, log, archive area, credentials. */
final class SandboxBuild implements AutoCloseable {
    static final String SSH_ID = "magento-ssh";
    static final String COMPOSER_ID = "repo-magento-keys";

    final SandboxHost sandbox;
    final Path workspace;
    final Path archive;
    final Path knownHosts;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final StreamTaskListener listener = new StreamTaskListener(logBytes, StandardCharsets.UTF_8);
    final Doubles.TestRun run;
    final Doubles.RecordingServices services;
    final String sshPrivateKey;
    final String passphrase;

    private SandboxBuild(SandboxHost sandbox, Path work) throws IOException {
        this.sandbox = sandbox;
        this.workspace = Files.createDirectories(work.resolve("workspace"));
        this.archive = Files.createDirectories(work.resolve("archive"));
        this.knownHosts = work.resolve("known_hosts");
        sandbox.writeKnownHosts(knownHosts);
        this.run = new Doubles.TestRun();
        this.services = new Doubles.RecordingServices(archive, this::installedDmt);
        this.sshPrivateKey = Files.readString(sandbox.ssh().encryptedIdentityFile("ed25519"), StandardCharsets.UTF_8);
        this.passphrase = sandbox.ssh().passphrase();
        services.credentials.put(SSH_ID, new Doubles.SshKey(SSH_ID, sandbox.user(), sshPrivateKey, passphrase));
        services.credentials.put(COMPOSER_ID, new Doubles.UsernamePassword(COMPOSER_ID, sandbox.repository().publicKey(),
                sandbox.repository().privateKey()));
        UpgradeRun.services = services;
    }

    static SandboxBuild start(Path work, String magento, String dmt, SandboxHost.Options options) throws IOException {
        requireTools("php", "composer", "unzip");
        return new SandboxBuild(SandboxHost.start(work.resolve("sandbox"), magento, dmt, options), work);
    }

    /** The settings every test gives the same way; a freestyle builder holds the same settings. */
    MagentoDmtUpgradeStep configure(MagentoDmtUpgradeStep s) {
        KnownHostsFileVerification hostKeys = new KnownHostsFileVerification();
        hostKeys.setPath(knownHosts.toString());
        s.setPort(sandbox.port());
        s.setComposerCredentialsId(COMPOSER_ID);
        s.setHostKeyVerification(hostKeys);
        s.setComposerRepositoryHost(sandbox.repository().httpBasicHost());
        s.setAllowRoot(MagentoProject.isRoot());
        s.setTimeoutMinutes(5);
        return s;
    }

    /** Runs the Pipeline step's execution in this thread, as Pipeline's executor would, for this build. */
    java.util.Map<String, Object> runStep(MagentoDmtUpgradeStep step) throws Exception {
        return runStep(run, step);
    }

    java.util.Map<String, Object> runStep(hudson.model.Run<?, ?> build, MagentoDmtUpgradeStep step) throws Exception {
        return ((MagentoDmtUpgradeStepExecution) step.start(context(build))).run();
    }

    Doubles.TestContext context(hudson.model.Run<?, ?> build) {
        return new Doubles.TestContext().with(hudson.model.Run.class, build).with(FilePath.class, workspacePath())
                .with(hudson.Launcher.class, new Doubles.TestLauncher(listener)).with(hudson.model.TaskListener.class, listener);
    }

    /** Composer that does its work, then lingers: a test acts while the host-side transaction still runs. */
    Path lingeringComposer(int seconds) throws IOException {
        Path script = sandbox.workDir().resolve("lingering-composer");
        Files.writeString(script, "#!/bin/sh\ncomposer \"$@\"\nrc=$?\n"
                + "if [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then echo 'composer finished; lingering'; sleep " + seconds + "; fi\nexit $rc\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    FilePath workspacePath() {
        return new FilePath(workspace.toFile());
    }

    String log() {
        listener.getLogger().flush();
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    String installedDmt() {
        try {
            return sandbox.project().installedDmtVersion();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The secrets no log line or archived byte may hold. */
    List<String> secrets() {
        List<String> s = new ArrayList<>();
        s.add(sandbox.repository().privateKey());
        s.add(passphrase);
        // Any one line of the key's body would be a leak too; the header line is not secret.
        sshPrivateKey.lines().filter(l -> !l.startsWith("-----") && l.length() > 20).forEach(s::add);
        return s;
    }

    /** Every archived file, as bytes, and the uncompressed content of the archived tarballs. */
    List<String> archivedContents() throws IOException {
        List<String> contents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(archive)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)) {
                    contents.add(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                    if (p.toString().endsWith(".gz")) {
                        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(p))) {
                            contents.add(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                        }
                    }
                }
            }
        }
        return contents;
    }

    static void requireTools(String... tools) {
        for (String tool : tools) {
            try {
                Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    String why = tool + " is not installed (apt-get install php-cli composer unzip php-zip php-curl)";
                    if ("true".equals(System.getenv("CI"))) {
                        fail("CI must have every prerequisite: " + why);
                    }
                    abort(why);
                }
            } catch (IOException e) {
                abort(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort("interrupted");
            }
        }
    }

    @Override
    public void close() throws IOException {
        UpgradeRun.services = JenkinsServices.JENKINS;
        sandbox.close();
    }
}
