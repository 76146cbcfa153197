package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.magentodmt.sandbox.OpenSshServer;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import io.jenkins.plugins.magentodmt.sandbox.SshKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same upgrade against Debian's real OpenSSH server, where the SSH user is not the Magento file system owner:
 * the engine switches with {@code sudo -n -u OWNER}, and everything Composer writes belongs to the owner.
 */
class OpenSshOwnerSwitchTest {
    private static final String OWNER = "dmtowner";
    private static final String DEPLOY = "dmtdeploy";
    private static final String STRANGER = "dmtnosudo";

    private static Path work;
    private static OpenSshServer sshd;
    private static Path identity;
    private static Path knownHosts;

    @BeforeAll
    static void startOpenSsh() throws IOException {
        String missing = OpenSshServer.available();
        if (missing != null) {
            Prerequisites.missing("the OpenSSH tests need root and Debian's openssh-server: " + missing);
        }
        Prerequisites.require("php", "composer", "unzip", "sudo");
        // The owner and the SSH user must be able to walk into the project: no 0700 JUnit temp directory here.
        work = Files.createTempDirectory(Path.of("/tmp"), "dmt-openssh-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        sshd = OpenSshServer.start(work.resolve("sshd"));
        for (String user : List.of(OWNER, DEPLOY, STRANGER)) {
            sshd.ensureUser(user);
        }
        sshd.allowSudo(DEPLOY, OWNER);
        identity = work.resolve("id_deploy");
        SshKeys.generate(SshKeys.ED25519, identity, "");
        sshd.authorize(DEPLOY, Path.of(identity + ".pub"));
        sshd.authorize(STRANGER, Path.of(identity + ".pub"));
        knownHosts = work.resolve("known_hosts");
        sshd.writeKnownHosts(knownHosts);
    }

    @AfterAll
    static void stopOpenSsh() throws IOException {
        if (sshd != null) {
            sshd.close();
        }
        if (work != null) {
            PathUtils.deleteDirectory(work);
        }
    }

    @Test
    void anSshUserThatIsNotTheOwnerUpgradesThroughSudoAndTheOwnerOwnsEveryFile() throws Exception {
        try (SandboxHost sandbox = ownedSandbox("deploy-ok")) {
            RecordingProgress progress = new RecordingProgress();
            UpgradeReport r;
            try (SshHost host = SshHost.connect(settings(DEPLOY), progress::warning)) {
                r = new DmtUpgrader(host, progress).upgrade(request(sandbox));
            }
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message() + "\n" + progress.text());
            assertEquals(OWNER, r.owner());
            assertEquals("2.4.6.1", sandbox.project().installedDmtVersion());
            assertTrue(progress.text().contains("(as " + OWNER + ")"), progress.text());
            Path root = Path.of(sandbox.magentoRoot());
            for (Path checked : List.of(root.resolve("composer.json"), root.resolve("composer.lock"),
                    root.resolve("vendor/composer/installed.json"), root.resolve("vendor/magento/data-migration-tool"))) {
                try (Stream<Path> files = Files.walk(checked)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        assertEquals(OWNER, Files.getOwner(p).getName(), p.toString());
                    }
                }
            }
            assertOnlyResultAndLog(root);
        }
    }

    @Test
    void aRootWhoseLockIsOutOfDateIsRefusedThroughSudoBeforeAnyChange() throws Exception {
        try (SandboxHost sandbox = ownedSandbox("stale-lock")) {
            Path root = Path.of(sandbox.magentoRoot());
            Path json = root.resolve("composer.json");
            Files.writeString(json, Files.readString(json).replace("\"minimum-stability\": \"stable\"", "\"minimum-stability\": \"dev\""));
            java.util.Map<String, String> before = SandboxFixture.tree(root);
            DmtException e;
            try (SshHost host = SshHost.connect(settings(DEPLOY), m -> { })) {
                e = assertThrows(DmtException.class, () -> new DmtUpgrader(host, ProgressListener.NONE).upgrade(request(sandbox)));
            }
            assertEquals(DmtException.Kind.PREFLIGHT, e.kind());
            assertTrue(e.getMessage().contains(root + "/composer.lock is out of date with composer.json"), e.getMessage());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(root)));
        }
    }

    /** Real Composer, then a pause: the root is already changed when the connection drops or the transaction dies. */
    private static String lingeringComposer(String name, int seconds) throws IOException {
        Path script = work.resolve(name + "-composer");
        Files.writeString(script, "#!/bin/sh\ncomposer \"$@\"\nrc=$?\n"
                + "if [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then echo 'composer finished; lingering'; sleep " + seconds + "; fi\nexit $rc\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    private static java.util.concurrent.CompletableFuture<UpgradeReport> upgradeInBackground(UpgradeRequest request, RecordingProgress progress) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (SshHost host = SshHost.connect(settings(DEPLOY), progress::warning)) {
                return new DmtUpgrader(host, progress).upgrade(request);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private static void awaitOutput(RecordingProgress progress, String text) throws InterruptedException {
        for (int i = 0; i < 600 && !progress.text().contains(text); i++) {
            Thread.sleep(100);
        }
        assertTrue(progress.text().contains(text), progress.text());
    }

    @Test
    void aDroppedConnectionThroughSudoIsFollowedToItsResult() throws Exception {
        try (SandboxHost sandbox = ownedSandbox("dropped")) {
            RecordingProgress progress = new RecordingProgress();
            java.util.concurrent.CompletableFuture<UpgradeReport> run = upgradeInBackground(UpgradeRequest.builder(sandbox.magentoRoot())
                    .composerAuth(ComposerAuth.fromJson(sandbox.composerAuthJson())).backupDir(Files.createDirectories(work.resolve("backups")))
                    .holder("OpenSshOwnerSwitchTest").composerCommand(lingeringComposer("dropped", 4)).build(), progress);
            awaitOutput(progress, "composer finished; lingering");
            assertTrue(sshd.dropConnections() > 0, "an sshd connection process to kill");
            UpgradeReport r = run.get(3, java.util.concurrent.TimeUnit.MINUTES);
            assertEquals("UPGRADED", r.status().name(), r.message() + "\n" + progress.text());
            assertTrue(progress.text().contains("Reconnected"), progress.text());
            assertEquals("2.4.6.1", sandbox.project().installedDmtVersion());
            assertOnlyResultAndLog(Path.of(sandbox.magentoRoot()));
        }
    }

    @Test
    void aTransactionKilledOnTheHostIsRepairedThroughSudoByTheNextRun() throws Exception {
        try (SandboxHost sandbox = ownedSandbox("killed")) {
            Path root = Path.of(sandbox.magentoRoot());
            RecordingProgress progress = new RecordingProgress();
            java.util.concurrent.CompletableFuture<UpgradeReport> run = upgradeInBackground(UpgradeRequest.builder(sandbox.magentoRoot())
                    .composerAuth(ComposerAuth.fromJson(sandbox.composerAuthJson())).backupDir(Files.createDirectories(work.resolve("backups")))
                    .holder("OpenSshOwnerSwitchTest").composerCommand(lingeringComposer("killed", 30)).build(), progress);
            awaitOutput(progress, "composer finished; lingering");
            RecoveryTest.killTransaction(root);
            UpgradeReport died = run.get(2, java.util.concurrent.TimeUnit.MINUTES);
            assertEquals("INTERRUPTED", died.status().name(), died.message());
            RecordingProgress next = new RecordingProgress();
            UpgradeReport r;
            try (SshHost host = SshHost.connect(settings(DEPLOY), next::warning)) {
                r = new DmtUpgrader(host, next).upgrade(request(sandbox));
            }
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message() + "\n" + next.text());
            assertTrue(String.join("\n", r.recovery()).contains("restored the root from the backup"), r.recovery().toString());
            try (Stream<Path> files = Files.walk(root.resolve("vendor"))) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    assertEquals(OWNER, Files.getOwner(p).getName(), p.toString());
                }
            }
            assertOnlyResultAndLog(root);
        }
    }

    @Test
    void aReleaseComposerRefusesIsRefusedThroughSudoBeforeTheLockWithComposersProblems() throws Exception {
        try (SandboxHost sandbox = ownedSandbox("refused", SandboxHost.Options.defaults().extraDmtVersion("2.4.6.2", "^6.4"), false)) {
            Path root = Path.of(sandbox.magentoRoot());
            java.util.Map<String, String> before = SandboxFixture.tree(root);
            DmtException e;
            try (SshHost host = SshHost.connect(settings(DEPLOY), m -> { })) {
                e = assertThrows(DmtException.class, () -> new DmtUpgrader(host, ProgressListener.NONE).upgrade(
                        UpgradeRequest.builder(sandbox.magentoRoot()).composerAuth(ComposerAuth.fromJson(sandbox.composerAuthJson()))
                                .backupDir(Files.createDirectories(work.resolve("backups"))).holder("OpenSshOwnerSwitchTest")
                                .timeout(Duration.ofMinutes(5)).version("2.4.6.2").build()));
            }
            assertEquals(DmtException.Kind.PREFLIGHT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("Problem 1") && e.getMessage().contains("symfony/console"), e.getMessage());
            assertTrue(e.getMessage().contains("asked first as " + OWNER), e.getMessage());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(root)), "nothing written");
            assertTrue(Files.notExists(root.resolve("var/dmt-upgrade")), "nothing locked");
        }
    }

    /** The state directory after a run: only the result and its log, readable by the owner alone. */
    private static void assertOnlyResultAndLog(Path root) throws IOException {
        Path state = root.resolve("var/dmt-upgrade");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        try (Stream<Path> list = Files.list(state)) {
            java.util.Map<String, String> files = new java.util.TreeMap<>();
            for (Path p : (Iterable<Path>) list::iterator) {
                files.put(p.getFileName().toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                        + " " + Files.getOwner(p).getName());
            }
            assertEquals(java.util.Map.of("result.reported", "rw------- " + OWNER, "txn.log", "rw------- " + OWNER), files);
        }
    }

    @Test
    void anSshUserThatCannotSwitchToTheOwnerIsRefusedBeforeAnyChange() throws Exception {
        try (SandboxHost sandbox = ownedSandbox("stranger")) {
            String lockBefore = Files.readString(Path.of(sandbox.magentoRoot(), "composer.lock"));
            DmtException e;
            try (SshHost host = SshHost.connect(settings(STRANGER), m -> { })) {
                e = assertThrows(DmtException.class, () -> new DmtUpgrader(host, ProgressListener.NONE).upgrade(request(sandbox)));
            }
            assertEquals(DmtException.Kind.PREFLIGHT, e.kind());
            assertTrue(e.getMessage().contains(STRANGER + " ALL=(" + OWNER + ") NOPASSWD: ALL"), e.getMessage());
            assertEquals(lockBefore, Files.readString(Path.of(sandbox.magentoRoot(), "composer.lock")));
        }
    }

    @Test
    void aScriptThatFailsAfterComposerWroteEverythingIsUndoneWithEveryOwnerAndMode() throws Exception {
        try (SandboxHost sandbox = ownedSandbox("script-fails", SandboxHost.Options.defaults().dmtWithNewDependency("2.4.6.3"), true)) {
            assertRestoredByteForByte(sandbox, "2.4.6.3");
        }
    }

    @Test
    void aBrokenDownloadIsUndoneWithEveryOwnerAndMode() throws Exception {
        try (SandboxHost sandbox = ownedSandbox("broken-dist", SandboxHost.Options.defaults().brokenDmtVersion("2.4.6.2"), false)) {
            assertRestoredByteForByte(sandbox, "2.4.6.2");
        }
    }

    private static void assertRestoredByteForByte(SandboxHost sandbox, String version) throws Exception {
        Path root = Path.of(sandbox.magentoRoot());
        java.util.Map<String, String> before = SandboxFixture.tree(root);
        RecordingProgress progress = new RecordingProgress();
        UpgradeReport r;
        try (SshHost host = SshHost.connect(settings(DEPLOY), progress::warning)) {
            r = new DmtUpgrader(host, progress).upgrade(UpgradeRequest.builder(sandbox.magentoRoot())
                    .composerAuth(ComposerAuth.fromJson(sandbox.composerAuthJson()))
                    .backupDir(Files.createDirectories(work.resolve("backups")))
                    .holder("OpenSshOwnerSwitchTest").timeout(Duration.ofMinutes(5)).version(version).build());
        }
        assertEquals(UpgradeStatus.FAILED_RESTORED, r.status(), r.message() + "\n" + progress.text());
        assertTrue(progress.text().contains("(as " + OWNER + ")"), progress.text());
        assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(root)), "content, mode and owner as before");
        assertTrue(r.restoreChecks().stream().anyMatch(c -> c.startsWith("path listing: passed")), r.restoreChecks().toString());
        assertOnlyResultAndLog(root);
    }

    private static SandboxHost ownedSandbox(String name) throws IOException, InterruptedException {
        return ownedSandbox(name, SandboxHost.Options.defaults(), false);
    }

    private static SandboxHost ownedSandbox(String name, SandboxHost.Options options, boolean failingScript)
            throws IOException, InterruptedException {
        SandboxHost sandbox = SandboxHost.start(work.resolve(name), "2.4.6-p3", "2.4.5", options);
        if (failingScript) {
            sandbox.project().addFailingPostUpdateScript();
        }
        Files.setPosixFilePermissions(work.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
        Process chown = new ProcessBuilder("chown", "-R", OWNER + ":" + OWNER, sandbox.magentoRoot()).inheritIO().start();
        assertEquals(0, chown.waitFor());
        return sandbox;
    }

    private static SshSettings settings(String user) throws IOException {
        return new SshSettings("127.0.0.1", sshd.port(), user, Files.readString(identity, StandardCharsets.UTF_8), null, null,
                HostKeyPolicy.knownHosts(knownHosts), Duration.ofSeconds(20));
    }

    private static UpgradeRequest request(SandboxHost sandbox) throws DmtException, IOException {
        return UpgradeRequest.builder(sandbox.magentoRoot())
                .composerAuth(ComposerAuth.fromJson(sandbox.composerAuthJson()))
                .backupDir(Files.createDirectories(work.resolve("backups")))
                .holder("OpenSshOwnerSwitchTest")
                .timeout(Duration.ofMinutes(5))
                .build();
    }

}
