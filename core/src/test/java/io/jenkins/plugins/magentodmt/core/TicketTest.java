package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prepared upgrade carried as its StartedUpgrade (ReconnectTest covers following one): the host's lock is the state between the phases, so any later connection
 * (another process, an agent that reconnected, a controller after a restart) can commit, stop or follow it.
 */
class TicketTest {
    @TempDir
    Path work;

    private static StartedUpgrade carried(StartedUpgrade t) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(t);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (StartedUpgrade) in.readObject();
        }
    }

    @Test
    void aTicketIsCommittedOverANewConnectionAndHoldsNoSecret() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            UpgradeRequest request = f.request().build();
            StartedUpgrade ticket;
            try (SshHost first = SshHost.connect(f.ssh(), f.progress::warning)) {
                ticket = carried(new DmtUpgrader(first, f.progress).prepare(request).transaction());
            }
            String secret = new String(request.composerAuth().reveal().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            ByteArrayOutputStream serialized = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
                out.writeObject(ticket);
            }
            assertFalse(serialized.toString(StandardCharsets.ISO_8859_1).contains(secret), "no secret in what is carried");
            assertTrue(Files.isDirectory(f.root().resolve("var/dmt-upgrade/lock")), "the lock is the state between the phases");
            try (SshHost second = SshHost.connect(f.ssh(), f.progress::warning)) {
                UpgradeReport r = new DmtUpgrader(second, f.progress).commit(ticket, request.composerAuth());
                assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message() + "\n" + f.progress.text());
            }
            assertEquals("2.4.6.1", f.installedDmt());
        }
    }

    @Test
    void aSecondConnectionStopsTheUpgradeAndReportsTheRestore() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            UpgradeRequest request = f.request().composerCommand(f.lingeringComposer(60)).build();
            SshHost first = SshHost.connect(f.ssh(), f.progress::warning);
            PreparedUpgrade prepared = new DmtUpgrader(first, f.progress).prepare(request);
            StartedUpgrade ticket = carried(prepared.transaction());
            CompletableFuture<UpgradeReport> committing = CompletableFuture.supplyAsync(() -> {
                try {
                    return new DmtUpgrader(first, f.progress).commit(prepared);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            for (int i = 0; i < 600 && !f.progress.text().contains("composer finished; lingering"); i++) {
                Thread.sleep(100);
            }
            try (SshHost second = SshHost.connect(f.ssh(), f.progress::warning)) {
                UpgradeReport stopped = new DmtUpgrader(second, f.progress).cancel(ticket);
                assertEquals(UpgradeStatus.FAILED_RESTORED, stopped.status(), stopped.message() + "\n" + f.progress.text());
                assertTrue(stopped.message().contains("cancelled"), stopped.message());
            }
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())), "restored to the backup's bytes");
            assertEquals(UpgradeStatus.FAILED_RESTORED, committing.get(2, TimeUnit.MINUTES).status(), "the first follower agrees");
            first.close();
        }
    }
}
