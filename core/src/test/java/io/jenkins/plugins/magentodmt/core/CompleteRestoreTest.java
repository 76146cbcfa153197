package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed upgrade leaves the whole root byte-identical (content, mode, owner, no path added or removed), whether
 * Composer failed after writing vendor/, vendor/bin and the autoloader, or before (a broken download).
 */
class CompleteRestoreTest {
    @TempDir
    Path work;

    @Test
    void aScriptThatFailsAfterComposerWroteEverythingIsUndoneCompletely() throws Exception {
        SandboxHost.Options options = SandboxHost.Options.defaults().dmtWithNewDependency("2.4.6.3");
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", options)) {
            f.sandbox.project().addFailingPostUpdateScript();
            Map<String, String> before = SandboxFixture.tree(f.root());
            UpgradeReport r = f.upgrade(f.request().version("2.4.6.3").build());
            assertTrue(f.progress.text().contains("sandbox post-update-cmd fails"), "the script ran:\n" + f.progress.text());
            assertEquals(UpgradeStatus.FAILED_RESTORED, r.status(), r.message() + "\n" + f.progress.text());
            Map<String, String> after = SandboxFixture.tree(f.root());
            assertEquals("", SandboxFixture.treeDifference(before, after), "every path as before, nothing added or removed");
            assertEquals(before, after);
            assertTrue(r.restoreChecks().stream().anyMatch(c -> c.startsWith("backup manifest: passed")), r.restoreChecks().toString());
            assertTrue(r.restoreChecks().stream().anyMatch(c -> c.startsWith("path listing: passed")), r.restoreChecks().toString());
            assertEquals("2.4.5", f.installedDmt());
            assertFalse(Files.exists(f.root().resolve("var/dmt-upgrade/lock")));
        }
    }

    @Test
    void aBrokenDownloadIsUndoneCompletely() throws Exception {
        SandboxHost.Options options = SandboxHost.Options.defaults().brokenDmtVersion("2.4.6.2");
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", options)) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            UpgradeReport r = f.upgrade(f.request().version("2.4.6.2").build());
            assertEquals(UpgradeStatus.FAILED_RESTORED, r.status(), r.message() + "\n" + f.progress.text());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())));
            assertTrue(r.restoreChecks().stream().anyMatch(c -> c.startsWith("path listing: passed")), r.restoreChecks().toString());
            assertTrue(r.toJson().contains("\"restoreChecks\""), r.toJson());
        }
    }

    @Test
    void aChangeOutsideTheBackupThatCannotBeUndoneIsReportedNotRestoredWithItsPath() throws Exception {
        SandboxHost.Options options = SandboxHost.Options.defaults().brokenDmtVersion("2.4.6.2");
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", options)) {
            // A Composer wrapper that, besides the failing require, rewrites a file no backup holds.
            Path composer = work.resolve("meddling-composer");
            Files.writeString(composer, "#!/bin/sh\nif [ \"$1\" = require ] && ! printf '%s\\n' \"$@\" | grep -qx -- --dry-run; then echo changed >> app/etc/di.xml; fi\nexec composer \"$@\"\n");
            Files.setPosixFilePermissions(composer, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            UpgradeReport r = f.upgrade(f.request().version("2.4.6.2").composerCommand(composer.toString()).build());
            assertEquals(UpgradeStatus.FAILED_NOT_RESTORED, r.status(), r.message() + "\n" + f.progress.text());
            assertTrue(r.notRestored().contains("app/etc/di.xml"), r.notRestored().toString());
            assertTrue(r.message().contains("app/etc/di.xml"), r.message());
        }
    }
}
