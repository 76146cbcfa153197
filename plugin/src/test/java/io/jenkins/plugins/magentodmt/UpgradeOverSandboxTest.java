package io.jenkins.plugins.magentodmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import hudson.EnvVars;
import io.jenkins.plugins.magentodmt.sandbox.SandboxHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step and the builder, end to end against the sandbox host: real SSH, real Composer, doubles for Jenkins. */
class UpgradeOverSandboxTest {
    @TempDir
    Path work;

    private static MagentoDmtUpgradeStep step(SandboxBuild b) throws Exception {
        return b.configure(new MagentoDmtUpgradeStep(b.sandbox.host(), SandboxBuild.SSH_ID, b.sandbox.magentoRoot()));
    }

    @Test
    void stepArchivesTheBackupBeforeComposerRunsAndReturnsTheResult() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            MagentoDmtUpgradeStep step = step(b);
            step.setKeepCustomFiles(true);
            b.sandbox.project().addDmtFile("etc/opensource-to-opensource/1.9.4.5/config.xml", "<config>ours</config>\n");

            Map<String, Object> r = b.runStep(step);

            assertEquals("UPGRADED", r.get("status"), b.log());
            assertEquals("2.4.6-p3", r.get("magentoVersion"));
            assertEquals("2.4.5", r.get("previousVersion"));
            assertEquals("2.4.6.1", r.get("newVersion"));
            assertEquals("2.4.6.1", b.installedDmt());
            String artifact = (String) r.get("backupArtifact");
            assertTrue(artifact.startsWith("magento-dmt-backup/") && artifact.endsWith(".tar.gz"), artifact);
            assertEquals(List.of("2.4.5"), b.services.hostStates, "archived once, while the host still had the old tool");
            assertTrue(b.services.archivedPaths.contains(artifact), b.services.archivedPaths.toString());
            assertEquals(r.get("backupSha256"), SandboxFixtures.sha256(b.archive.resolve(artifact)));
            assertEquals(List.of("etc/opensource-to-opensource/1.9.4.5/config.xml"), r.get("customizedFiles"));
            assertTrue(b.services.archivedPaths.stream().anyMatch(p -> p.contains("dmt-customizations-")), b.services.archivedPaths.toString());
            assertTrue(Files.isRegularFile(b.workspace.resolve(artifact)), "the workspace keeps its copy");

            String log = b.log();
            System.out.println(log); // kept in target/surefire-reports/*-output.txt for a look at the real build log
            // Composer's dry run names the operation already in the preflight; what counts is the real require's start.
            assertTrue(log.indexOf("Archived the backup as build artifact " + artifact) < log.indexOf("[host] composer require"),
                    log);
            assertTrue(log.indexOf("[host] composer require") > 0, log);
            assertTrue(log.contains(String.valueOf(r.get("backupSha256"))), log);
            for (Object value : r.values()) {
                assertTrue(value instanceof String || value instanceof Boolean || value instanceof java.util.ArrayList, "plain values only: " + value);
            }
            UpgradeAction action = assertInstanceOf(UpgradeAction.class, b.run.actions.get(0));
            assertEquals("2.4.5", action.getSummary().getPreviousVersion());
            assertEquals(b.run, action.getRun());
            assertEquals(1, b.sandbox.ssh().sessionCount(), "one SSH connection for both phases");
            assertEquals(0, HeldUpgrades.size(), "nothing left held on the agent");
            assertNoSecrets(b, log);
        }
    }

    @Test
    void builderExpandsBuildVariablesAndUpgrades() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            MagentoDmtUpgradeBuilder builder = new MagentoDmtUpgradeBuilder(b.configure(new MagentoDmtUpgradeStep("${MAGENTO_HOST}",
                    SandboxBuild.SSH_ID, "${MAGENTO_ROOT}")));
            EnvVars env = new EnvVars("MAGENTO_HOST", b.sandbox.host(), "MAGENTO_ROOT", b.sandbox.magentoRoot());

            builder.perform(b.run, b.workspacePath(), env, new Doubles.TestLauncher(b.listener), b.listener);

            assertEquals("2.4.6.1", b.installedDmt(), b.log());
            assertEquals(List.of("2.4.5"), b.services.hostStates);
            UpgradeAction action = assertInstanceOf(UpgradeAction.class, b.run.actions.get(0));
            assertEquals("UPGRADED", action.getSummary().getStatus());
            assertNoSecrets(b, b.log());
        }
    }

    @Test
    void pipelineValuesAreTakenLiterally() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            MagentoDmtUpgradeStep step = b.configure(new MagentoDmtUpgradeStep("${MAGENTO_HOST}", SandboxBuild.SSH_ID,
                    b.sandbox.magentoRoot()));
            AbortException e = assertThrows(AbortException.class, () -> b.runStep(step));
            assertTrue(e.getMessage().contains("${MAGENTO_HOST}"), e.getMessage());
            assertEquals("2.4.5", b.installedDmt());
        }
    }

    @Test
    void aComposerFailureFailsTheBuildWithTheEnginesMessageAndTheHostIsRestored() throws Exception {
        SandboxHost.Options options = SandboxHost.Options.defaults().brokenDmtVersion("2.4.6.2");
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", options)) {
            MagentoDmtUpgradeStep step = step(b);
            step.setVersion("2.4.6.2");
            AbortException e = assertThrows(AbortException.class, () -> b.runStep(step));
            UpgradeAction action = assertInstanceOf(UpgradeAction.class, b.run.actions.get(0));
            assertEquals("FAILED_RESTORED", action.getSummary().getStatus(), b.log());
            assertTrue(e.getMessage().contains(action.getSummary().getMessage()), e.getMessage());
            assertEquals("2.4.5", b.installedDmt(), "restored");
            assertEquals(List.of("2.4.5"), b.services.hostStates, "the backup was archived before Composer ran");
            assertNoSecrets(b, b.log());
        }
    }

    @Test
    void checkOnlyFailsOnAMismatchUnlessToldNotTo() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            MagentoDmtUpgradeStep step = step(b);
            step.setCheckOnly(true);
            AbortException e = assertThrows(AbortException.class, () -> b.runStep(step));
            assertTrue(e.getMessage().contains("does not match Magento 2.4.6-p3"), e.getMessage());

            step.setFailOnMismatch(false);
            Map<String, Object> r = b.runStep(step);
            assertEquals("MISMATCHED", r.get("status"));
            assertEquals("", r.get("backupArtifact"));
            assertEquals("2.4.5", b.installedDmt(), "a check changes nothing");
            assertTrue(b.services.hostStates.isEmpty(), "nothing archived");
        }
    }

    @Test
    void anUnknownHostKeyStopsBeforeLoggingIn() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            MagentoDmtUpgradeStep step = step(b);
            step.setHostKeyVerification(new ManuallyProvidedKeyVerification("SHA256:" + "A".repeat(43)));
            AbortException e = assertThrows(AbortException.class, () -> b.runStep(step));
            assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
            assertEquals("2.4.5", b.installedDmt());
        }
    }

    @Test
    void aMissingCredentialIsAClearFailure() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            MagentoDmtUpgradeStep step = b.configure(new MagentoDmtUpgradeStep(b.sandbox.host(), "nope", b.sandbox.magentoRoot()));
            AbortException e = assertThrows(AbortException.class, () -> b.runStep(step));
            assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
            assertEquals(0, b.sandbox.ssh().sessionCount());
        }
    }

    /**
     * No state parked on the agent: when the connection phase one left open is gone (the agent's JVM restarted, the
     * agent reconnected), phase two connects again from the ticket, and the host's lock is never left behind.
     */
    @Test
    void aCommitWhoseHeldConnectionIsGoneConnectsAgain() throws Exception {
        try (SandboxBuild b = SandboxBuild.start(work, "2.4.6-p3", "2.4.5", SandboxHost.Options.defaults())) {
            UpgradeOptions options = UpgradeOptions.literal(step(b));
            SshLogin login = SshLogin.of(SandboxBuild.SSH_ID, b.services.credentials.get(SandboxBuild.SSH_ID) instanceof
                    com.cloudbees.plugins.credentials.common.StandardUsernameCredentials c ? c : null);
            ComposerLogin composer = ComposerLogin.of((com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials)
                    b.services.credentials.get(SandboxBuild.COMPOSER_ID));
            PrepareUpgradeCallable.Prepared prepared = new PrepareUpgradeCallable(options, login, composer, null, b.workspace.toString(),
                    "magento-dmt-backup/x", UpgradeRun.holderOf(b.run), b.listener).call();
            HeldUpgrades.Held held = HeldUpgrades.take(prepared.ticket.holder());
            HeldUpgrades.closeQuietly(held.host); // what an agent restart does to the open connection
            UpgradeSummary done = new FinishUpgradeCallable(options, login, composer, prepared.ticket,
                    FinishUpgradeCallable.Action.COMMIT, b.workspace.toString(), b.listener).call();
            assertEquals("UPGRADED", done.getStatus(), b.log());
            assertEquals("2.4.6.1", b.installedDmt());
            assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of(b.sandbox.magentoRoot(), "var/dmt-upgrade/lock")));
            assertEquals(2, b.sandbox.ssh().sessionCount(), "a new connection for phase two");
        }
    }

    private static void assertNoSecrets(SandboxBuild b, String log) throws Exception {
        List<String> archived = b.archivedContents();
        assertFalse(archived.isEmpty() && !b.services.archivedPaths.isEmpty());
        for (String secret : b.secrets()) {
            assertNotNull(secret);
            assertFalse(log.contains(secret), "the build log holds a secret");
            for (String content : archived) {
                assertFalse(content.contains(secret), "an archived file holds a secret");
            }
        }
    }
}
