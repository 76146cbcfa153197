package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that drops while the host-side transaction runs is followed, not guessed: the engine reconnects to the
 * same host (same credentials, same host key) and reports the transaction's real result. Real MINA server, real Composer.
 */
class ReconnectTest {
    @TempDir
    Path work;

    /** Real Composer, then a pause (and the given exit status): the root is already changed when the session is cut. */
    private String lingeringComposer(int seconds, String exit) throws IOException {
        Path script = work.resolve("lingering-composer");
        Files.writeString(script, "#!/bin/sh\ncomposer \"$@\"\nrc=$?\n"
                + "if [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then echo 'composer finished; lingering'; sleep " + seconds + "; exit " + exit + "; fi\nexit $rc\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    private CompletableFuture<UpgradeReport> upgradeInBackground(SandboxFixture f, UpgradeRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return f.upgrade(request);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    @Test
    void aDroppedSessionIsFollowedToUpgraded() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            CompletableFuture<UpgradeReport> run = upgradeInBackground(f, f.request().composerCommand(lingeringComposer(4, "$rc")).build());
            awaitOutput(f, "composer finished; lingering");
            assertTrue(f.sandbox.ssh().dropSessions() > 0, "a session was open to cut");
            UpgradeReport r = run.get(3, TimeUnit.MINUTES);
            assertEquals("UPGRADED", r.status().name(), r.message() + "\n" + f.progress.text());
            assertEquals("2.4.6.1", r.newVersion());
            assertEquals("2.4.6.1", f.installedDmt());
            assertTrue(f.progress.text().contains("Reconnected"), f.progress.text());
            assertFalse(Files.exists(f.root().resolve("var/dmt-upgrade/lock")));
        }
    }

    @Test
    void aDroppedSessionDuringAFailingUpgradeIsFollowedToRestored() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            CompletableFuture<UpgradeReport> run = upgradeInBackground(f, f.request().composerCommand(lingeringComposer(4, "1")).build());
            awaitOutput(f, "composer finished; lingering");
            assertTrue(f.sandbox.ssh().dropSessions() > 0, "a session was open to cut");
            UpgradeReport r = run.get(3, TimeUnit.MINUTES);
            assertEquals("FAILED_RESTORED", r.status().name(), r.message() + "\n" + f.progress.text());
            assertTrue(r.restoreChecks().stream().allMatch(c -> c.contains(": passed")) && r.restoreChecks().size() == 2, r.restoreChecks().toString());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())), "restored to the backup's bytes");
        }
    }

    @Test
    void anotherProcessAttachesToAStartedTransactionWithWhatItPersisted() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            UpgradeRequest request = f.request().composerCommand(lingeringComposer(4, "$rc")).build();
            StartedUpgrade persisted;
            CompletableFuture<UpgradeReport> first;
            SshHost a = SshHost.connect(f.ssh(), f.progress::warning);
            try {
                DmtUpgrader upgrader = new DmtUpgrader(a, f.progress);
                PreparedUpgrade prepared = upgrader.prepare(request);
                persisted = roundTrip(prepared.transaction());
                assertFalse(persisted.toString().contains("password") || serialized(persisted).contains(f.sandbox.composerAuthJson()),
                        "no secret in what is persisted");
                first = CompletableFuture.supplyAsync(() -> {
                    try {
                        return upgrader.commit(prepared);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                });
                awaitOutput(f, "composer finished; lingering");
                // A second process (a restarted controller) knows only what was persisted.
                RecordingProgress second = new RecordingProgress();
                try (SshHost b = SshHost.connect(f.ssh(), second::warning)) {
                    UpgradeReport followed = new DmtUpgrader(b, second).follow(persisted);
                    assertEquals("UPGRADED", followed.status().name(), followed.message() + "\n" + second.text());
                    assertEquals("2.4.6.1", followed.newVersion());
                    assertTrue(second.text().contains("composer require magento/data-migration-tool:2.4.6.1"), second.text());
                }
                assertEquals("UPGRADED", first.get(3, TimeUnit.MINUTES).status().name());
            } finally {
                a.close();
            }
            // Once it is over, attaching again still reports that run's result, not nothing and not a guess.
            try (SshHost c = SshHost.connect(f.ssh(), m -> { })) {
                UpgradeReport again = new DmtUpgrader(c, ProgressListener.NONE).follow(roundTrip(persisted));
                assertEquals("UPGRADED", again.status().name(), again.message());
            }
        }
    }

    @Test
    void aHostThatCannotBeReachedAgainIsReportedInterruptedAndTheNextRunReportsTheOutcome() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            UpgradeRequest request = f.request().composerCommand(lingeringComposer(4, "$rc")).build();
            CompletableFuture<UpgradeReport> run = CompletableFuture.supplyAsync(() -> {
                try (SshHost host = SshHost.connect(f.ssh(), f.progress::warning)) {
                    return new DmtUpgrader(host, f.progress).reconnectWithin(java.time.Duration.ofSeconds(3)).upgrade(request);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            awaitOutput(f, "composer finished; lingering");
            f.sandbox.ssh().close();
            UpgradeReport lost = run.get(2, TimeUnit.MINUTES);
            assertEquals("INTERRUPTED", lost.status().name(), lost.message());
            assertEquals(7, lost.status().exitCode());
            assertTrue(lost.message().contains("unknown here") && lost.message().contains("finishes or restores by itself"), lost.message());
            Path result = f.root().resolve("var/dmt-upgrade/result");
            for (int i = 0; i < 300 && !Files.exists(result); i++) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(result), "the host-side transaction finished on its own");
            try (LocalHost local = new LocalHost()) {
                UpgradeReport next = new DmtUpgrader(local, ProgressListener.NONE).check(request);
                assertEquals("UPGRADED", next.previousRun().get("status"), next.previousRun().toString());
            }
        }
    }

    private static StartedUpgrade roundTrip(StartedUpgrade s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (StartedUpgrade) in.readObject();
        }
    }

    private static String serialized(StartedUpgrade s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static void awaitOutput(SandboxFixture f, String text) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (f.progress.text().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("never saw '" + text + "' in:\n" + f.progress.text());
    }
}
