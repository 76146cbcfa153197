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
 * Issue 8 item 1: Composer is asked, with --dry-run, whether the require would succeed before anything is locked or
 * written; its refusal ("Problem 1 …") stops the run, its plan is what a dry run reports.
 */
class ComposerDecidesFirstTest {
    /** Requires symfony/console ^6.4, where Magento 2.4.6's magento2-base requires ^5.4: Composer refuses it. */
    private static final String CONFLICTING = "2.4.6.2";

    @TempDir
    Path work;

    private static SandboxHost.Options conflicting() {
        return SandboxHost.Options.defaults().extraDmtVersion(CONFLICTING, "^6.4");
    }

    @Test
    void aReleaseComposerRefusesStopsBeforeTheLockWithComposersProblemsAndChangesNothing() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", conflicting())) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            DmtException e = assertThrows(DmtException.class, () -> f.upgrade(f.request().version(CONFLICTING).build()));
            assertEquals(DmtException.Kind.PREFLIGHT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("Problem 1"), e.getMessage());
            assertTrue(e.getMessage().contains("symfony/console"), e.getMessage());
            assertTrue(e.report().isPresent(), "the refusal carries its report");
            UpgradeReport r = e.report().get();
            assertTrue(r.composerProblems().stream().anyMatch(l -> l.startsWith("Problem 1")), r.composerProblems().toString());
            assertEquals("refused", r.composerVerdict());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())), "nothing written");
            assertFalse(Files.exists(f.root().resolve("var/dmt-upgrade")), "nothing locked: no state directory");
            assertFalse(Files.exists(f.backupDir), "no backup");
            assertEquals("2.4.5", f.installedDmt());
            assertEquals(1, f.sandbox.ssh().sessionCount(), "still one SSH connection");
        }
    }

    @Test
    void withoutAVersionTheNewestMatchingReleaseThatComposerRefusesIsRefusedWithItsProblems() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", conflicting())) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            DmtException e = assertThrows(DmtException.class, () -> f.upgrade(f.request().build()));
            assertEquals(DmtException.Kind.PREFLIGHT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("magento/data-migration-tool:" + CONFLICTING), e.getMessage());
            assertTrue(e.getMessage().contains("Problem 1"), e.getMessage());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())));
            assertFalse(Files.exists(f.root().resolve("var/dmt-upgrade")));
        }
    }

    @Test
    void aDryRunOfARefusedReleaseIsTheSameRefusal() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5", conflicting())) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            DmtException e = assertThrows(DmtException.class,
                    () -> f.upgrade(f.request().version(CONFLICTING).dryRun(true).build()));
            assertEquals(DmtException.Kind.PREFLIGHT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("Problem 1"), e.getMessage());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())));
        }
    }

    @Test
    void aDryRunReportsComposersVerdictAndOperationsAndLeavesEveryByteAsItWas() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            UpgradeReport r = f.upgrade(f.request().dryRun(true).build());
            assertEquals(UpgradeStatus.DRY_RUN, r.status(), r.message());
            assertEquals("2.4.6.1", r.targetVersion());
            assertEquals("would succeed", r.composerVerdict());
            assertTrue(r.composerOperations().contains("Upgrading magento/data-migration-tool (2.4.5 => 2.4.6.1)"),
                    r.composerOperations().toString());
            assertTrue(r.message().contains("Upgrading magento/data-migration-tool (2.4.5 => 2.4.6.1)"), r.message());
            assertTrue(f.progress.text().contains("Upgrading magento/data-migration-tool (2.4.5 => 2.4.6.1)"), f.progress.text());
            assertTrue(f.progress.text().contains("magento/data-migration-tool:~2.4.6.0 --dry-run"),
                    "without a version, the preflight's own ask (for Magento's 2.4.6) answers: " + f.progress.text());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())),
                    "composer.json, composer.lock and vendor/ byte for byte as before");
            assertFalse(Files.exists(f.root().resolve("var/dmt-upgrade")));
            assertEquals(1, f.sandbox.ssh().sessionCount());
        }
    }

    @Test
    void theDryRunAsksWithTheFlagsOfTheRealRunForASiteWithoutDevPackages() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5",
                SandboxHost.Options.defaults().devPackages(MagentoProject.DevPackages.NOT_INSTALLED))) {
            Map<String, String> before = SandboxFixture.tree(f.root());
            UpgradeReport r = f.upgrade(f.request().version("2.4.6.1").dryRun(true).build());
            assertEquals(UpgradeStatus.DRY_RUN, r.status(), r.message());
            assertTrue(r.message().contains("Upgrading magento/data-migration-tool (2.4.5 => 2.4.6.1)"), r.message());
            assertFalse(r.message().contains(MagentoProject.DEV_PACKAGE), "--update-no-dev: Composer plans no dev package: " + r.message());
            assertEquals(java.util.List.of("Upgrading magento/data-migration-tool (2.4.5 => 2.4.6.1)"), r.composerOperations());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())));
        }
    }

    @Test
    void anUpgradeComposerAcceptsStillRunsWithOneConnection() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            UpgradeReport r = f.upgrade(f.request().version("2.4.6.1").build());
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message());
            assertEquals("would succeed", r.composerVerdict());
            assertEquals(1, f.sandbox.ssh().sessionCount());
        }
    }
}
