package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a run ends, whatever the ending, the state directory holds only the last result and its log, unreadable to others. */
class StateDirectoryTest {
    @TempDir
    Path work;

    /** Name to permissions of what the state directory holds, the directory itself under ".". */
    private static Map<String, String> state(SandboxFixture f) throws IOException {
        Path dir = f.root().resolve("var/dmt-upgrade");
        Map<String, String> m = new TreeMap<>();
        m.put(".", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                m.put(p.getFileName().toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        return m;
    }

    private static void assertOnlyResultAndLog(SandboxFixture f) throws IOException {
        assertEquals(Map.of(".", "rwx------", "result.reported", "rw-------", "txn.log", "rw-------"), state(f));
    }

    @Test
    void anUpgradeLeavesOnlyItsResultAndLog() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            UpgradeReport r = f.upgrade(f.request().build());
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message());
            assertOnlyResultAndLog(f);
        }
    }

    @Test
    void aRestoredUpgradeLeavesOnlyItsResultAndLog() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults().brokenDmtVersion("2.4.6.2"))) {
            UpgradeReport r = f.upgrade(f.request().version("2.4.6.2").build());
            assertEquals(UpgradeStatus.FAILED_RESTORED, r.status(), r.message());
            assertOnlyResultAndLog(f);
        }
    }

    @Test
    void anAbandonedPreparationLeavesNothingBehind() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5");
             SshHost host = SshHost.connect(f.ssh(), f.progress::warning)) {
            DmtUpgrader upgrader = new DmtUpgrader(host, f.progress);
            PreparedUpgrade p = upgrader.prepare(f.request().build());
            upgrader.abandon(p);
            assertEquals(Map.of(".", "rwx------"), state(f));
        }
    }

    @Test
    void aTransactionThatNeverStartsReleasesTheLockWhenTheFollowerGivesUp() throws Exception {
        // A setsid that passes the preflight's probe ("setsid true") but fails to start anything else: the detached
        // transaction never starts.
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.writeString(bin.resolve("setsid"), "#!/bin/sh\n[ \"$1\" = true ] && exit 0\nexit 126\n");
        Files.setPosixFilePermissions(bin.resolve("setsid"), PosixFilePermissions.fromString("rwxr-xr-x"));
        SandboxHost.Options options = SandboxHost.Options.defaults();
        options.ssh().environment("PATH", bin + ":" + System.getenv("PATH"));
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", options)) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            UpgradeReport r = f.upgrade(f.request().build());
            assertEquals(UpgradeStatus.FAILED_RESTORED, r.status(), r.message() + "\n" + f.progress.text());
            assertTrue(r.message().contains("did not start") && r.message().contains("nothing was changed"), r.message());
            assertFalse(Files.exists(f.root().resolve("var/dmt-upgrade/lock")), "the lock is released");
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())));
            assertOnlyResultAndLog(f);
        }
    }
}
