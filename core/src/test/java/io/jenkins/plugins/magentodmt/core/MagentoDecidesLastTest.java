package io.jenkins.plugins.magentodmt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 2: a bin/magento that ran before the upgrade must still run after it, inside the transaction; a
 * production site is told that it needs setup:di:compile, which the compile option runs (a failure restores).
 * The sandbox's app/etc/env.php says MAGE_MODE production.
 */
class MagentoDecidesLastTest {
    @TempDir
    Path work;

    @Test
    void aReleaseWhoseAutoloadedFileBreaksBinMagentoIsRestoredWithBinMagentosError() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5",
                SandboxHost.Options.defaults().dmtBreakingMagentoCli("2.4.6.3"))) {
            Map<String, String> before = f.snapshot();
            UpgradeReport r = f.upgrade(f.request().version("2.4.6.3").build());
            assertEquals(UpgradeStatus.FAILED_RESTORED, r.status(), r.message() + "\n" + f.progress.text());
            assertTrue(r.message().contains("bin/magento --version"), r.message());
            assertTrue(r.message().contains("cannot register its console commands"), r.message());
            assertEquals("2.4.5", f.installedDmt());
            assertEquals(before, f.snapshot(), "restored");
            assertTrue(f.progress.text().contains("cannot register its console commands"), f.progress.text());
        }
    }

    @Test
    void afterAnUpgradeBinMagentoStillRunsAndAProductionSiteIsToldToCompile() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            UpgradeReport r = f.upgrade(f.request().build());
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message());
            assertEquals("Magento CLI 2.4.6-p3", r.magentoCliAfter());
            assertTrue(r.compileNeeded(), "MAGE_MODE is production");
            assertTrue(r.message().contains("bin/magento setup:di:compile"), r.message());
            assertTrue(f.progress.text().contains("bin/magento setup:di:compile"), f.progress.text());
            assertFalse(Files.exists(f.root().resolve("generated/metadata/global.php")), "not compiled unless asked");
        }
    }

    @Test
    void theCompileOptionRunsSetupDiCompileInsideTheTransaction() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            UpgradeReport r = f.upgrade(f.request().compileAfterUpgrade(true).build());
            assertEquals(UpgradeStatus.UPGRADED, r.status(), r.message() + "\n" + f.progress.text());
            assertTrue(r.compiled(), "compiled");
            assertFalse(r.compileNeeded(), "nothing left to do");
            assertTrue(Files.exists(f.root().resolve("generated/metadata/global.php")));
            assertTrue(Files.readString(f.root().resolve("var/log/sandbox-cli.log")).contains("setup:di:compile"));
            assertTrue(f.progress.text().contains("Generated code and dependency injection configuration successfully."),
                    f.progress.text());
        }
    }

    @Test
    void aCompileThatFailsRestoresTheRoot() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5",
                SandboxHost.Options.defaults().dmtBreakingDiCompile("2.4.6.4"))) {
            Map<String, String> before = f.snapshot();
            UpgradeReport r = f.upgrade(f.request().version("2.4.6.4").compileAfterUpgrade(true).build());
            assertEquals(UpgradeStatus.FAILED_RESTORED, r.status(), r.message() + "\n" + f.progress.text());
            assertTrue(r.message().contains("setup:di:compile"), r.message());
            assertTrue(r.message().contains("Migration\\Plugin\\Missing"), r.message());
            assertEquals("2.4.5", f.installedDmt());
            assertEquals(before, f.snapshot(), "restored");
        }
    }

    @Test
    void theCompileOptionIsRefusedBeforeAnyChangeWhenBinMagentoDoesNotRun() throws Exception {
        try (SandboxFixture f = SandboxFixture.start(work, "2.4.6-p3", "2.4.5")) {
            Files.writeString(f.root().resolve("bin/magento"), "<?php\nfwrite(STDERR, \"broken before\\n\");\nexit(1);\n");
            Map<String, String> before = SandboxFixture.tree(f.root());
            DmtException e = assertThrows(DmtException.class, () -> f.upgrade(f.request().compileAfterUpgrade(true).build()));
            assertEquals(DmtException.Kind.PREFLIGHT, e.kind());
            assertTrue(e.getMessage().contains("broken before"), e.getMessage());
            assertEquals("", SandboxFixture.treeDifference(before, SandboxFixture.tree(f.root())));
        }
    }
}
