package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upgrade lock when the SSH user is not the owner the transaction runs as (OpenSSH, a deploy -> owner sudo
 * switch): whether the lock's run is alive is decided from facts any user may read, so a live one is never broken
 * and a dead one (its pid gone, or taken by another process of the owner) always can be.
 */
class LockAcrossUsersTest {
    private static final String OWNER = "dmtowner";
    private static final String DEPLOY = "dmtdeploy";

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
        Prerequisites.require("php", "composer", "unzip", "sudo", "setpriv");
        work = Files.createTempDirectory(Path.of("/tmp"), "dmt-lock-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        sshd = OpenSshServer.start(work.resolve("sshd"));
        for (String user : List.of(OWNER, DEPLOY)) {
            sshd.ensureUser(user);
        }
        sshd.allowSudo(DEPLOY, OWNER);
        identity = work.resolve("id_deploy");
        SshKeys.generate(SshKeys.ED25519, identity, "");
        sshd.authorize(DEPLOY, Path.of(identity + ".pub"));
        sshd.authorize(OWNER, Path.of(identity + ".pub"));
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
    void aBreakLockRunWhileTheTransactionRunsIsRefusedAndTheFirstRunFinishes() throws Exception {
        try (SandboxHost sandbox = ownedSandbox("live")) {
            Path gate = work.resolve("live-gate");
            RecordingProgress firstProgress = new RecordingProgress();
            UpgradeRequest first = request(sandbox, "first run #1", "live-first").composerCommand(gatedComposer(gate)).build();
            CompletableFuture<UpgradeReport> running = CompletableFuture.supplyAsync(() -> {
                try (SshHost host = SshHost.connect(settings(DEPLOY), firstProgress::warning)) {
                    return new DmtUpgrader(host, firstProgress).upgrade(first);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            try {
                awaitOutput(firstProgress, "waiting for the gate");
                Path state = Path.of(sandbox.magentoRoot(), "var/dmt-upgrade");
                String pidBefore = Files.readString(state.resolve("txn.pid"));
                UpgradeRequest second = request(sandbox, "second run #2", "live-second").breakLock(true).build();
                DmtException e;
                try (SshHost host = SshHost.connect(settings(DEPLOY), m -> { })) {
                    e = assertThrows(DmtException.class, () -> new DmtUpgrader(host, ProgressListener.NONE).upgrade(second));
                }
                assertEquals(DmtException.Kind.PREFLIGHT, e.kind(), e.getMessage());
                assertEquals(3, e.kind().exitCode());
                assertTrue(e.getMessage().contains("first run #1") && e.getMessage().contains("still running"), e.getMessage());
                assertEquals("first run #1", Files.readString(state.resolve("lock/holder")).strip(), "the lock is untouched");
                assertEquals(pidBefore, Files.readString(state.resolve("txn.pid")));
                assertFalse(Files.exists(work.resolve("live-second")), "the refused run took no backup");
            } finally {
                Files.writeString(gate, "go\n");
            }
            UpgradeReport r = running.get(5, TimeUnit.MINUTES);
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message() + "\n" + firstProgress.text());
            assertEquals("2.4.6.1", sandbox.project().installedDmtVersion());
            assertFalse(Files.exists(Path.of(sandbox.magentoRoot(), "var/dmt-upgrade/lock")), "the lock is released");
        }
    }

    @Test
    void aLockWhoseRunIsGoneIsBrokenThroughTheOwnerSwitch() throws Exception {
        try (SandboxHost sandbox = ownedSandbox("gone")) {
            Process ended = new ProcessBuilder("setpriv", "--reuid=" + OWNER, "--regid=" + OWNER, "--clear-groups", "true").start();
            ended.waitFor();
            staleLock(sandbox, ended.pid(), "");
            RecordingProgress progress = new RecordingProgress();
            UpgradeReport r;
            try (SshHost host = SshHost.connect(settings(DEPLOY), progress::warning)) {
                r = new DmtUpgrader(host, progress).upgrade(request(sandbox, "after the crash", "gone").breakLock(true).build());
            }
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message() + "\n" + progress.text());
            assertTrue(r.warnings().contains("broke the lock held by crashed run #0"), r.warnings().toString());
        }
    }

    @Test
    void aLockWhosePidNowBelongsToAnotherProcessOfTheOwnerIsBrokenAndThatProcessLeftAlone() throws Exception {
        try (SandboxHost sandbox = ownedSandbox("reused")) {
            Process stranger = new ProcessBuilder("setpriv", "--reuid=" + OWNER, "--regid=" + OWNER, "--clear-groups",
                    "sleep", "600").start();
            try {
                // Its real start time: only the command line tells this process from the transaction that had its pid.
                String stat = Files.readString(Path.of("/proc/" + stranger.pid() + "/stat"));
                String start = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
                staleLock(sandbox, stranger.pid(), start);
                RecordingProgress progress = new RecordingProgress();
                UpgradeReport r;
                // As the owner itself, who may signal that process: a kill -0 would call it alive.
                try (SshHost host = SshHost.connect(settings(OWNER), progress::warning)) {
                    r = new DmtUpgrader(host, progress).upgrade(request(sandbox, "after the reboot", "reused").breakLock(true).build());
                }
                assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message() + "\n" + progress.text());
                assertTrue(r.warnings().contains("broke the lock held by crashed run #0"), r.warnings().toString());
                assertTrue(stranger.isAlive(), "the owner's other process was never signalled");
            } finally {
                stranger.destroy();
            }
        }
    }

    /** Real Composer, held before it starts until the test opens the gate: the root is unchanged while it waits. */
    private static String gatedComposer(Path gate) throws IOException {
        Path script = work.resolve("gated-composer");
        Files.writeString(script, "#!/bin/sh\nif [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then echo 'waiting for the gate'; i=0\n"
                + "  while [ ! -e '" + gate + "' ] && [ $i -lt 3000 ]; do sleep 0.1; i=$((i + 1)); done\nfi\nexec composer \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    /** A lock left by a run that is over, whose transaction pid is {@code pid}; owned by the owner, as a run leaves it. */
    private static void staleLock(SandboxHost sandbox, long pid, String start) throws IOException, InterruptedException {
        Path state = Path.of(sandbox.magentoRoot(), "var/dmt-upgrade");
        Path lock = Files.createDirectories(state.resolve("lock"));
        Files.writeString(lock.resolve("holder"), "crashed run #0\n");
        Files.writeString(lock.resolve("since"), "2026-11-25T10:00:00Z\n");
        Files.writeString(lock.resolve("expires"), (System.currentTimeMillis() / 1000 + 3600) + "\n");
        Files.writeString(state.resolve("txn.pid"), pid + "\n");
        if (!start.isEmpty()) {
            Files.writeString(state.resolve("txn.start"), start + "\n");
        }
        Files.writeString(state.resolve("transaction.sh"), "# left by the crashed run\n");
        chown(state);
    }

    private static void chown(Path path) throws IOException, InterruptedException {
        Process chown = new ProcessBuilder("chown", "-R", OWNER + ":" + OWNER, path.toString()).inheritIO().start();
        assertEquals(0, chown.waitFor());
    }

    private static void awaitOutput(RecordingProgress progress, String text) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            if (progress.text().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("never saw '" + text + "' in:\n" + progress.text());
    }

    private static SandboxHost ownedSandbox(String name) throws IOException, InterruptedException {
        SandboxHost sandbox = SandboxHost.start(work.resolve(name), "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults());
        Files.setPosixFilePermissions(work.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
        chown(Path.of(sandbox.magentoRoot()));
        return sandbox;
    }

    private static SshSettings settings(String user) throws IOException {
        return new SshSettings("127.0.0.1", sshd.port(), user, Files.readString(identity, StandardCharsets.UTF_8), null, null,
                HostKeyPolicy.knownHosts(knownHosts), Duration.ofSeconds(20));
    }

    private static UpgradeRequest.Builder request(SandboxHost sandbox, String holder, String backups) throws DmtException {
        return UpgradeRequest.builder(sandbox.magentoRoot())
                .composerAuth(ComposerAuth.fromJson(sandbox.composerAuthJson()))
                .backupDir(work.resolve(backups))
                .holder(holder)
                .timeout(Duration.ofMinutes(5));
    }
}
