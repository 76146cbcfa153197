package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.magentodmt.sandbox.MagentoProject;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade changes only the Data Migration Tool: it keeps the site's install mode (with or without dev packages),
 * and refuses, before any change, a root where Composer would resolve more than that.
 */
class InstallRulesTest {
    private static final String DEV_DIR = "vendor/" + MagentoProject.DEV_PACKAGE;

    @TempDir
    Path work;

    @Test
    void aSiteInstalledWithoutDevPackagesStaysWithoutThem() throws Exception {
        SandboxHost.Options options = SandboxHost.Options.defaults().devPackages(MagentoProject.DevPackages.NOT_INSTALLED);
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", options)) {
            assertFalse(Files.exists(f.root().resolve(DEV_DIR)), "the sandbox installed with --no-dev");
            UpgradeReport r = f.upgrade(f.request().build());
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message() + "\n" + f.progress.text());
            assertFalse(Files.exists(f.root().resolve(DEV_DIR)), "no dev package was installed:\n" + f.progress.text());
            assertTrue(Files.readString(f.root().resolve("vendor/composer/installed.json")).contains("\"dev\": false"));
            assertFalse(r.devPackages());
            assertTrue(r.toJson().contains("\"devPackages\":false"), r.toJson());
            assertTrue(f.progress.text().contains("without dev packages (--update-no-dev)"), f.progress.text());
        }
    }

    @Test
    void aSiteInstalledWithDevPackagesKeepsThem() throws Exception {
        SandboxHost.Options options = SandboxHost.Options.defaults().devPackages(MagentoProject.DevPackages.INSTALLED);
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", options)) {
            UpgradeReport r = f.upgrade(f.request().build());
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message() + "\n" + f.progress.text());
            assertTrue(Files.isDirectory(f.root().resolve(DEV_DIR)));
            assertTrue(Files.readString(f.root().resolve("vendor/composer/installed.json")).contains("\"dev\": true"));
            assertTrue(r.devPackages());
            assertTrue(f.progress.text().contains("with dev packages"), f.progress.text());
        }
    }

    @Test
    void withoutComposerLockNothingChanges() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Files.delete(f.root().resolve("composer.lock"));
            assertRefusedBeforeAnyChange(f, f.root().resolve("composer.lock") + " is missing");
        }
    }

    @Test
    void aComposerLockOutOfDateWithComposerJsonChangesNothing() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Path json = f.root().resolve("composer.json");
            Files.writeString(json, Files.readString(json).replace("\"minimum-stability\": \"stable\"", "\"minimum-stability\": \"dev\""));
            assertRefusedBeforeAnyChange(f, f.root().resolve("composer.lock") + " is out of date with composer.json");
        }
    }

    @Test
    void withoutInstalledJsonNothingChanges() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Files.delete(f.root().resolve("vendor/composer/installed.json"));
            assertRefusedBeforeAnyChange(f, f.root().resolve("vendor/composer/installed.json") + " is missing");
        }
    }

    private static void assertRefusedBeforeAnyChange(SandboxFixture f, String expected) throws Exception {
        Map<String, String> before = SandboxFixture.tree(f.root());
        DmtException e = assertThrows(DmtException.class, () -> f.upgrade(f.request().build()), "the upgrade must be refused");
        assertEquals(DmtException.Kind.PREFLIGHT, e.kind(), e.getMessage());
        assertEquals(3, e.kind().exitCode());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was changed"), e.getMessage());
        assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())));
        assertFalse(Files.exists(f.root().resolve("var/dmt-upgrade")), "not even the state directory was created");
        DmtException dry = assertThrows(DmtException.class, () -> f.upgrade(f.request().dryRun(true).build()), "a dry run applies the same rule");
        assertTrue(dry.getMessage().contains(expected), dry.getMessage());
    }
}
