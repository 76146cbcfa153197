package io.jenkins.plugins.magentodmt.core;

import io.jenkins.plugins.magentodmt.sandbox.MagentoProject;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A sandbox Magento host plus what a test needs to drive the engine against it over real SSH. */
final class SandboxFixture implements AutoCloseable {
    final SandboxHost sandbox;
    final Path knownHosts;
    final Path backupDir;
    final RecordingProgress progress = new RecordingProgress();

    private SandboxFixture(SandboxHost sandbox, Path work) throws IOException {
        this.sandbox = sandbox;
        this.knownHosts = work.resolve("known_hosts");
        this.backupDir = work.resolve("backups");
        sandbox.writeKnownHosts(knownHosts);
    }

    static SandboxFixture start(Path work, String magento, String dmt) throws IOException {
        return start(work, magento, dmt, SandboxHost.Options.defaults());
    }

    static SandboxFixture start(Path work, String magento, String dmt, SandboxHost.Options options) throws IOException {
        Prerequisites.require("php", "composer", "unzip");
        return new SandboxFixture(SandboxHost.start(work.resolve("sandbox"), magento, dmt, options), work);
    }

    SshSettings ssh() throws IOException {
        return new SshSettings(sandbox.host(), sandbox.port(), sandbox.user(),
                Files.readString(sandbox.identityFile(), StandardCharsets.UTF_8), null, null,
                HostKeyPolicy.knownHosts(knownHosts), Duration.ofSeconds(20));
    }

    UpgradeRequest.Builder request() throws DmtException {
        return UpgradeRequest.builder(sandbox.magentoRoot())
                .composerAuth(ComposerAuth.fromJson(sandbox.composerAuthJson()))
                .backupDir(backupDir)
                .allowRoot(MagentoProject.isRoot())
                .holder("test " + getClass().getSimpleName())
                .timeout(Duration.ofMinutes(5));
    }

    UpgradeReport upgrade(UpgradeRequest request) throws Exception {
        try (SshHost host = SshHost.connect(ssh(), progress::warning)) {
            return new DmtUpgrader(host, progress).upgrade(request);
        }
    }

    UpgradeReport check() throws Exception {
        try (SshHost host = SshHost.connect(ssh(), progress::warning)) {
            return new DmtUpgrader(host, progress).check(request().build());
        }
    }

    /** Real Composer, then a pause: the root is already changed when the caller gives up or is cut off. */
    String lingeringComposer(int seconds) throws IOException {
        Path script = sandbox.workDir().resolve("lingering-composer");
        Files.writeString(script, "#!/bin/sh\ncomposer \"$@\"\nrc=$?\n"
                + "if [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then echo 'composer finished; lingering'; sleep " + seconds + "; fi\nexit $rc\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    Path root() {
        return Path.of(sandbox.magentoRoot());
    }

    String installedDmt() throws IOException {
        return sandbox.project().installedDmtVersion();
    }

    /** SHA-256 and permissions of every file under the root, except the engine's own state directory. */
    Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path root = root();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString();
                // var/log: Magento (and the sandbox bin/magento) log there; not part of what an upgrade may change.
                if (rel.startsWith("var/dmt-upgrade") || rel.startsWith("var/log") || !Files.isRegularFile(p)) {
                    continue;
                }
                files.put(rel, sha256(p) + " " + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        return files;
    }

    /**
     * Every path under {@code root} except the engine's state directory, with its type, mode, owner and group, and
     * its content (files) or target (links): two equal trees are byte-identical, with nothing added or removed.
     */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> paths = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.equals("var/dmt-upgrade") || rel.startsWith("var/dmt-upgrade/")) {
                    continue;
                }
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
                String what = Files.isSymbolicLink(p) ? "link " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "dir" : "file " + sha256(p);
                paths.put(rel, what + " mode " + Integer.toOctalString((Integer) a.get("mode")) + " owner " + a.get("uid") + ":" + a.get("gid"));
            }
        }
        return paths;
    }

    /** The paths whose entries differ between two {@link #tree} results, for a readable assertion message. */
    static String treeDifference(Map<String, String> before, Map<String, String> after) {
        StringBuilder sb = new StringBuilder();
        java.util.Set<String> all = new java.util.TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        for (String p : all) {
            if (!java.util.Objects.equals(before.get(p), after.get(p))) {
                sb.append(before.containsKey(p) ? after.containsKey(p) ? "changed " : "removed " : "added ").append(p).append('\n');
            }
        }
        return sb.toString();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            MessageDigest d = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        sandbox.close();
    }
}
